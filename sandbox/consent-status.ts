import type { ConsentRecord } from "./consent";

type Json = Record<string, unknown>;

/** What GET /consent/statuses and /consent/statuses/school narrow their answer by. */
export type StatusFilter = {
  api?: string;
  since?: Date;
  orgMasterId?: string;
  providerReferenceId?: string;
  consumerReferenceId?: string;
};

export function matches(r: ConsentRecord, f: StatusFilter): boolean {
  return (
    (!f.api || r.api === f.api) &&
    (!f.since || Date.parse(r.changedAt) > f.since.getTime()) &&
    (!f.orgMasterId || r.orgMasterId === f.orgMasterId) &&
    (f.providerReferenceId === undefined || r.providerReferenceId === f.providerReferenceId) &&
    (f.consumerReferenceId === undefined || r.consumerReferenceId === f.consumerReferenceId)
  );
}

/** A ConsentStatus with every field ERRATA 35 adds: what the full statuses answer lists and a notification carries. */
export function statusBody(r: Readonly<ConsentRecord>): Json {
  return {
    ...(r.providerReferenceId ? { providerReferenceId: r.providerReferenceId } : {}),
    // Consent held before the consumer asked has no reference of the consumer's.
    ...(r.consumerReferenceId ? { consumerReferenceId: r.consumerReferenceId } : {}),
    school: r.school,
    api: r.api,
    scopes: r.scopes,
    providerStatus: r.status,
    changedAt: r.changedAt,
  };
}

/**
 * Consent statuses with only what the Edu-V pages promise: no providerStatus, no changedAt, and the
 * Provider's reference empty until the request is confirmed. Without a status a refused or revoked
 * request could not be told from an open one, so this Source leaves them out of the answer.
 */
export function minimalStatuses(records: ConsentRecord[]): Json[] {
  return records
    .filter((r) => r.status === "requested" || r.status === "confirmed")
    .map((r) => ({
      providerReferenceId: r.status === "confirmed" ? r.providerReferenceId : "",
      ...(r.consumerReferenceId ? { consumerReferenceId: r.consumerReferenceId } : {}),
      school: r.school,
      api: r.api,
      scopes: r.scopes,
    }));
}
