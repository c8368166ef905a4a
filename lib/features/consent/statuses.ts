import "server-only";
import type { Db } from "@/lib/db/client";
import { recordKnownConsent, recordProviderStatus, saveStatusCursor, statusCursors } from "@/lib/db/consent";
import type { SourceConfig, SourcesConfig } from "@/lib/sources/config";
import type { SchoolReference } from "@/lib/sources/reading/schemas/common";
import type { EduvClient } from "@/lib/sources/transport/client";
import { publishConsentChange } from "@/lib/runtime/consent-changes";
import { SourceError, formatStatusCode } from "@/lib/sources/errors";
import { getConsentStatuses } from "@/lib/sources/operations";
import { providerStatusOf } from "@/lib/sources/reading/schemas/consent";

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
 * One poll of every consent Provider's GET /consent/statuses?since=…: confirmations (with their
 * providerReferenceId), refusals and revocations of our requests are recorded with a history line.
 * A status without `providerStatus` is confirmed once it carries the Provider's reference. The cursor
 * moves to the latest `changedAt` seen, or, when a status carries none, to the time this poll was
 * sent (both taken back by the overlap next time). A Provider that fails keeps its cursor and its error.
 * A status with no request of ours behind it (no consumerReferenceId, or one we do not know) is
 * consent the Provider holds all the same, registered earlier or by another route: recorded as
 * known at the Provider for the school it names (when this Source serves it), never dropped.
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
          const recorded = await recordProviderStatus(db, source.id, { ...status, providerStatus: providerStatusOf(status) });
          if (recorded.outcome === "recorded") {
            round.recorded++;
            // Revoked (or newly given) consent: nothing this Source said about that school is served
            // from a cache any more, in this instance or (through PostgreSQL) in any other.
            await publishConsentChange(db, source.id, recorded.schoolId);
          }
          if (recorded.outcome === "unknown") round.unknown++;
          if (recorded.outcome === "notOurs") {
            const schoolId = status.school ? schoolIdOf(status.school, client.config, source) : undefined;
            if (schoolId && typeof status.api === "string") {
              const known = await recordKnownConsent(db, {
                providerId: source.id,
                schoolId,
                api: status.api,
                providerStatus: providerStatusOf(status),
                providerReferenceId: status.providerReferenceId || null,
                changedAt: status.changedAt ? new Date(status.changedAt) : null,
              });
              if (known === "recorded") {
                round.known++;
                await publishConsentChange(db, source.id, schoolId);
              }
            } else round.unknown++;
          }
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
