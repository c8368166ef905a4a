import "server-only";
import type { Db } from "@/lib/db/client";
import type { SourcesConfig } from "@/lib/sources/config";
import { consentStatusSchema } from "@/lib/sources/reading/schemas/consent";
import { recordStatus } from "./statuses";

/** What the endpoint answers: an Edu-V StatusResponse with its HTTP status, or 202 without a body. */
export type NotificationAnswer = { httpStatus: 202 } | { httpStatus: 400 | 404; status: number; statusMessage: string };

/**
 * A ConsentNotification a Provider pushes (PUT /consent/notifications, Consent API Afnemer): the
 * same fields as a consent status (ERRATA 35), read as leniently, and recorded as a polled status is
 * (recordStatus: idempotent, so the same notification twice changes nothing). One naming another
 * Provider's request, or a school this Provider does not serve here, is refused (404): a Provider
 * notifies only about its own requests and schools.
 */
export async function receiveNotification(db: Db, config: SourcesConfig, providerId: string, body: unknown): Promise<NotificationAnswer> {
  const parsed = consentStatusSchema("lenient").safeParse(body);
  if (!parsed.success || typeof parsed.data.api !== "string") return { httpStatus: 400, status: 11, statusMessage: "Schema incorrect" };
  const source = config.sources.find((s) => s.id === providerId);
  if (!source) return { httpStatus: 404, status: 99, statusMessage: "unknown Provider" };
  const outcome = await recordStatus(db, config, source, parsed.data);
  if (outcome === "otherProvider") return { httpStatus: 404, status: 1003, statusMessage: "consumerReferenceId unknown" };
  if (outcome === "noSchool") return { httpStatus: 404, status: 99, statusMessage: "school unknown for this Provider" };
  return { httpStatus: 202 };
}
