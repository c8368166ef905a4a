import "server-only";
import type { Db } from "@/lib/db/client";
import { recordKnownConsent, recordProviderStatus, saveStatusCursor, statusCursors } from "@/lib/db/consent";
import { confirmWithdrawals } from "@/lib/db/consent-revokes";
import type { SourceConfig, SourcesConfig } from "@/lib/sources/config";
import type { SchoolReference } from "@/lib/sources/reading/schemas/common";
import type { EduvClient } from "@/lib/sources/transport/client";
import { publishConsentChange } from "@/lib/runtime/consent-changes";
import { SourceError, formatStatusCode } from "@/lib/sources/errors";
import { getConsentStatuses, getConsentStatusesBySchool } from "@/lib/sources/operations";
import { consentSchoolReference } from "@/lib/sources/transport/request-params";
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
  const named = status.school ? schoolIdOf(status.school, config, source) : undefined;
  // The Provider confirms a withdrawal of the school's: recorded even when the request already shows revoked.
  const withdrawn =
    providerStatus === "revoked"
      ? await confirmWithdrawals(db, source.id, {
          schoolId: named,
          api: typeof status.api === "string" ? status.api : undefined,
          consumerReferenceId: status.consumerReferenceId,
          providerReferenceId: status.providerReferenceId || undefined,
        })
      : 0;
  const outcome = await recordChange(db, source, status, providerStatus, named);
  if (outcome.kind !== "recorded" && outcome.kind !== "known" && !(withdrawn && named)) return outcome.kind;
  // Revoked (or newly given) consent: nothing this Source said about that school is served
  // from a cache any more, in this instance or (through PostgreSQL) in any other. A confirmed
  // withdrawal drops it again: answers cached before the Provider stopped delivering go too.
  await publishConsentChange(db, source.id, outcome.schoolId ?? named!);
  return outcome.kind === "known" ? "known" : "recorded";
}

/** recordStatus's store part: our request changed, consent the Provider holds, or why nothing changed. */
async function recordChange(
  db: Db,
  source: SourceConfig,
  status: ConsentStatusRecord,
  providerStatus: string,
  named: string | undefined,
): Promise<{ kind: StatusOutcome; schoolId?: string }> {
  const recorded = await recordProviderStatus(db, source.id, { ...status, providerStatus });
  if (recorded.outcome === "recorded") return { kind: "recorded", schoolId: recorded.schoolId };
  if (recorded.outcome === "unchanged") return { kind: "unchanged" };
  if (recorded.outcome === "unknown") return { kind: "otherProvider" };
  if (!named || typeof status.api !== "string") return { kind: "noSchool" };
  const known = await recordKnownConsent(db, {
    providerId: source.id,
    schoolId: named,
    api: status.api,
    providerStatus,
    providerReferenceId: status.providerReferenceId || null,
    changedAt: status.changedAt ? new Date(status.changedAt) : null,
  });
  return known === "unchanged" ? { kind: "unchanged" } : { kind: "known", schoolId: named };
}

/**
 * The key of a status cursor: the Provider, or for a Provider asked per school (ERRATA 41) the
 * Provider and the school, each with a `since` of its own.
 */
export function cursorKey(providerId: string, schoolId?: string): string {
  return schoolId ? `${providerId}#${schoolId}` : providerId;
}

/** One ask of a Provider's statuses: which call, for which school, under which cursor. */
type StatusAsk = { source: SourceConfig; key: string; call: (since: string | undefined) => Promise<{ records: ConsentStatusRecord[] }> };

/** The asks of one round: one per Provider, or one per school for a Provider that offers statuses by school. */
function asksOf(client: EduvClient, providers: SourceConfig[]): StatusAsk[] {
  return providers.flatMap((source): StatusAsk[] => {
    if (!source.consent?.statusesBySchool)
      return [{ source, key: cursorKey(source.id), call: (since) => client.call(getConsentStatuses, source.id, { query: { since } }) }];
    return client.config.schools
      .filter((school) => source.schools.includes(school.id))
      .map((school) => {
        const named = consentSchoolReference(school);
        const id = named.organisationIds?.[0];
        const which = named.organisationMasterIdentifier
          ? { orgMasterId: named.organisationMasterIdentifier }
          : { orgId: id?.organisationId, orgIdType: id?.organisationIdType };
        return {
          source,
          key: cursorKey(source.id, school.id),
          call: (since) => client.call(getConsentStatusesBySchool, source.id, { query: { ...which, since } }),
        };
      });
  });
}

/**
 * One poll of the consent Providers' statuses changed since the last (GET /consent/statuses?since=…,
 * or per school GET /consent/statuses/school): confirmations (with their providerReferenceId),
 * refusals and revocations of our requests are recorded with a history line, and withdrawals the
 * Provider carried out are confirmed. A status without `providerStatus` is confirmed once it carries
 * the Provider's reference. The cursor moves to the latest `changedAt` seen, or, when a status
 * carries none, to the time this poll was sent (both taken back by the overlap next time). A Provider
 * that fails keeps its cursor and its error. Each status is recorded by recordStatus, as a pushed
 * notification is. `include` leaves Providers out of this round (those that push, between checks).
 */
export async function pollConsentStatuses(
  db: Db,
  client: EduvClient,
  include: (source: SourceConfig) => boolean = () => true,
): Promise<StatusRound> {
  const providers = client.config.sources.filter((s) => s.apis.includes("consent") && include(s));
  const round: StatusRound = { providers: providers.length, received: 0, recorded: 0, known: 0, unknown: 0, failed: [] };
  const cursors = new Map((await statusCursors(db)).map((c) => [c.providerId, c.since]));
  await Promise.all(
    asksOf(client, providers).map(async ({ source, key, call }) => {
      const cursor = cursors.get(key);
      const since = cursor ? new Date(cursor.getTime() - OVERLAP_MS).toISOString() : undefined;
      const polledAt = Date.now();
      try {
        const result = await call(since);
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
        await saveStatusCursor(db, key, { since: latest ? new Date(latest) : undefined });
      } catch (err) {
        if (!round.failed.includes(source.id)) round.failed.push(source.id);
        const e = err instanceof SourceError ? err : undefined;
        // The kind first (the page words it in the reader's language), then what the Provider answered.
        await saveStatusCursor(db, key, {
          error: e
            ? [e.kind, e.httpStatus ? `HTTP ${e.httpStatus}` : undefined, formatStatusCode(e.statusCode)].filter(Boolean).join(" · ")
            : "internal",
        });
      }
    }),
  );
  return round;
}
