import "server-only";
import type { Db } from "@/lib/db/client";
import { recordKnownConsent, recordProviderStatus } from "@/lib/db/consent";
import { publishConsentChange } from "@/lib/runtime/consent-changes";
import type { SourcesConfig } from "@/lib/sources/config";
import { consentStatusSchema, providerStatusOf } from "@/lib/sources/reading/schemas/consent";
import { schoolIdOf } from "./statuses";

/** What the endpoint answers: an Edu-V StatusResponse with its HTTP status, or 202 without a body. */
export type NotificationAnswer = { httpStatus: 202 } | { httpStatus: 400 | 404; status: number; statusMessage: string };

/**
 * A ConsentNotification a Provider pushes (PUT /consent/notifications, Consent API Afnemer): the
 * same fields as a consent status (ERRATA 35), read as leniently. Recorded exactly as a polled
 * status (lib/features/consent/statuses.ts): an answer to one of our requests to this Provider
 * changes that request (idempotent: the same notification twice changes nothing); one without a
 * request of ours is consent the Provider holds, kept for the school it names; one naming another
 * Provider's request, or a school this Provider does not serve here, is refused (404): a Provider
 * notifies only about its own requests and schools.
 */
export async function receiveNotification(db: Db, config: SourcesConfig, providerId: string, body: unknown): Promise<NotificationAnswer> {
  const parsed = consentStatusSchema("lenient").safeParse(body);
  if (!parsed.success || typeof parsed.data.api !== "string") return { httpStatus: 400, status: 11, statusMessage: "Schema incorrect" };
  const notification = parsed.data;
  const source = config.sources.find((s) => s.id === providerId);
  if (!source) return { httpStatus: 404, status: 99, statusMessage: "unknown Provider" };
  const recorded = await recordProviderStatus(db, providerId, { ...notification, providerStatus: providerStatusOf(notification) });
  if (recorded.outcome === "recorded") await publishConsentChange(db, providerId, recorded.schoolId);
  if (recorded.outcome === "unknown") return { httpStatus: 404, status: 1003, statusMessage: "consumerReferenceId unknown" };
  if (recorded.outcome === "notOurs") {
    const schoolId = schoolIdOf(notification.school, config, source);
    if (!schoolId) return { httpStatus: 404, status: 99, statusMessage: "school unknown for this Provider" };
    const known = await recordKnownConsent(db, {
      providerId,
      schoolId,
      api: notification.api,
      providerStatus: providerStatusOf(notification),
      providerReferenceId: notification.providerReferenceId || null,
      changedAt: notification.changedAt ? new Date(notification.changedAt) : null,
    });
    if (known === "recorded") await publishConsentChange(db, providerId, schoolId);
  }
  return { httpStatus: 202 };
}
