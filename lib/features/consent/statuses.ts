import "server-only";
import type { Db } from "@/lib/db/client";
import { recordKnownConsent, recordProviderStatus, saveStatusCursor, statusCursors } from "@/lib/db/consent";
import type { SourceConfig, SourcesConfig } from "@/lib/sources/config";
import type { SchoolReference } from "@/lib/sources/reading/schemas/common";
import type { EduvClient } from "@/lib/sources/transport/client";
import { publishConsentChange } from "@/lib/runtime/consent-changes";
import { SourceError, formatStatusCode } from "@/lib/sources/errors";
import { getConsentStatuses } from "@/lib/sources/operations";
import { providerStatusOf, type ConsentStatusRecord } from "@/lib/sources/reading/schemas/consent";

/**
 * Polls start this far before the latest change already seen: a Provider's clock or a late commit
 * may put a change just behind it, and recording a status twice changes nothing.
 */
const OVERLAP_MS = 60_000;

/** `known`: consent the Provider holds without a request of ours, newly recorded; `unknown`: statuses naming no school of this Source. */
export type StatusRound = { providers: number; received: number; recorded: number; known: number; unknown: number; failed: string[] };

/**
 * Which of this Source's schools a SchoolReference names: by the OnderwijsaanbiederId, or by one of
 * its secondary ids (type and value). Undefined for a school this Source does not serve here.
 */
export function schoolIdOf(reference: SchoolReference, config: SourcesConfig, source: SourceConfig): string | undefined {
  const school = config.schools.find(
    (s) =>
      source.schools.includes(s.id) &&
      ((reference.organisationMasterIdentifier !== undefined &&
        s.organisationMasterIdentifier === reference.organisationMasterIdentifier) ||
        (reference.organisationIds ?? []).some((r) =>
          (s.organisationIds ?? []).some((o) => o.organisationId === r.organisationId && o.organisationIdType === r.organisationIdType),
        )),
  );
  return school?.id;
}

/**
 * What a status (polled or pushed) changed: one of our requests (`recorded`), consent the Provider
 * holds without a request of ours (`known`), nothing new (`unchanged`); or nothing because it names
 * another Provider's request (`otherProvider`) or no school this Source serves (`noSchool`).
 */
export type StatusOutcome = "recorded" | "known" | "unchanged" | "otherProvider" | "noSchool";

/**
 * Records one status a Provider reported, however it arrived: an answer to one of our requests
 * changes it (idempotent, with a history line); one with no request of ours behind it (no
 * consumerReferenceId, or one we never made) is consent the Provider holds all the same, registered
 * earlier or by another route, kept for the school it names. A change of consent empties what that
 * Source said about the school from every instance's cache.
 */
export async function recordStatus(
  db: Db,
  config: SourcesConfig,
  source: SourceConfig,
  status: ConsentStatusRecord,
): Promise<StatusOutcome> {
  const providerStatus = providerStatusOf(status);
  const recorded = await recordProviderStatus(db, source.id, { ...status, providerStatus });
  if (recorded.outcome === "recorded") {
    // Revoked (or newly given) consent: nothing this Source said about that school is served
    // from a cache any more, in this instance or (through PostgreSQL) in any other.
    await publishConsentChange(db, source.id, recorded.schoolId);
    return "recorded";
  }
  if (recorded.outcome === "unchanged") return "unchanged";
  if (recorded.outcome === "unknown") return "otherProvider";
  const schoolId = status.school ? schoolIdOf(status.school, config, source) : undefined;
  if (!schoolId || typeof status.api !== "string") return "noSchool";
  const known = await recordKnownConsent(db, {
    providerId: source.id,
    schoolId,
    api: status.api,
    providerStatus,
    providerReferenceId: status.providerReferenceId || null,
    changedAt: status.changedAt ? new Date(status.changedAt) : null,
  });
  if (known === "unchanged") return "unchanged";
  await publishConsentChange(db, source.id, schoolId);
  return "known";
}

/**
 * One poll of every consent Provider's GET /consent/statuses?since=…: confirmations (with their
 * providerReferenceId), refusals and revocations of our requests are recorded with a history line.
 * A status without `providerStatus` is confirmed once it carries the Provider's reference. The cursor
 * moves to the latest `changedAt` seen, or, when a status carries none, to the time this poll was
 * sent (both taken back by the overlap next time). A Provider that fails keeps its cursor and its error.
 * Each status is recorded by recordStatus, as a pushed notification is.
 */
export async function pollConsentStatuses(db: Db, client: EduvClient): Promise<StatusRound> {
  const providers = client.config.sources.filter((s) => s.apis.includes("consent"));
  const round: StatusRound = { providers: providers.length, received: 0, recorded: 0, known: 0, unknown: 0, failed: [] };
  const cursors = new Map((await statusCursors(db)).map((c) => [c.providerId, c.since]));
  await Promise.all(
    providers.map(async (source) => {
      const cursor = cursors.get(source.id);
      const since = cursor ? new Date(cursor.getTime() - OVERLAP_MS).toISOString() : undefined;
      const polledAt = Date.now();
      try {
        const result = await client.call(getConsentStatuses, source.id, { query: { since } });
        let latest = cursor?.getTime() ?? 0;
        for (const status of result.records) {
          round.received++;
          const outcome = await recordStatus(db, client.config, source, status);
          if (outcome === "recorded") round.recorded++;
          if (outcome === "known") round.known++;
          if (outcome === "otherProvider" || outcome === "noSchool") round.unknown++;
          // The Provider's own time when it says; our clock at sending otherwise.
          latest = Math.max(latest, status.changedAt ? Date.parse(status.changedAt) : polledAt);
        }
        await saveStatusCursor(db, source.id, { since: latest ? new Date(latest) : undefined });
      } catch (err) {
        round.failed.push(source.id);
        const e = err instanceof SourceError ? err : undefined;
        // The kind first (the page words it in the reader's language), then what the Provider answered.
        await saveStatusCursor(db, source.id, {
          error: e
            ? [e.kind, e.httpStatus ? `HTTP ${e.httpStatus}` : undefined, formatStatusCode(e.statusCode)].filter(Boolean).join(" · ")
            : "internal",
        });
      }
    }),
  );
  return round;
}
