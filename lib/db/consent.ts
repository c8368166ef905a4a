import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { claimDueKeys } from "./outbox-claim";
import { consentKnown, consentRequestEvents, consentRequests, consentStatusCursors, type ConsentRequestRow } from "./schema";

export const CONSENT_STATUSES = ["concept", "queued", "sent", "failed", "confirmed", "refused", "revoked"] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export type NewConsentRequest = {
  schoolId: string;
  providerId: string;
  api: string;
  scopes: readonly string[];
  extraScopesReason?: string;
  delivery: "put" | "poll";
  /** false keeps it a concept: stored, not yet offered to the Provider. */
  send: boolean;
  actor: string;
};

/** Stores the request (and its first history line) before anything is sent; the reference id is made here. */
export async function createConsentRequest(db: Db, input: NewConsentRequest): Promise<ConsentRequestRow> {
  const consumerReferenceId = randomUUID();
  const status: ConsentStatus = input.send ? "queued" : "concept";
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(consentRequests)
      .values({
        consumerReferenceId,
        schoolId: input.schoolId,
        providerId: input.providerId,
        api: input.api,
        scopes: [...input.scopes],
        extraScopesReason: input.extraScopesReason ?? null,
        delivery: input.delivery,
        status,
        createdBy: input.actor,
      })
      .returning();
    await tx.insert(consentRequestEvents).values({ consumerReferenceId, actor: input.actor, event: "created", detail: status });
    return row!;
  });
}

/**
 * A concept is released for sending (or collecting); a request the Provider refused for good (a final
 * 4xx, e.g. 400 for a form it did not accept) is sent again once whatever it named is fixed. The
 * history says which.
 */
export async function queueConsentRequest(db: Db, consumerReferenceId: string, actor: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ status: consentRequests.status })
      .from(consentRequests)
      .where(eq(consentRequests.consumerReferenceId, consumerReferenceId))
      .for("update");
    if (before?.status !== "concept" && before?.status !== "failed") return false;
    await tx
      .update(consentRequests)
      .set({ status: "queued", nextAttemptAt: sql`now()`, changedAt: sql`now()` })
      .where(eq(consentRequests.consumerReferenceId, consumerReferenceId));
    await tx
      .insert(consentRequestEvents)
      .values({ consumerReferenceId, actor, event: "queued", detail: before.status === "failed" ? "again after a refusal" : null });
    return true;
  });
}

export type ConsentFilter = { schoolIds: readonly string[]; api?: string; providerId?: string; status?: string; since?: Date };

export async function listConsentRequests(db: Db, filter: ConsentFilter): Promise<ConsentRequestRow[]> {
  if (!filter.schoolIds.length) return [];
  const where: SQL[] = [inArray(consentRequests.schoolId, [...filter.schoolIds])];
  if (filter.api) where.push(eq(consentRequests.api, filter.api));
  if (filter.providerId) where.push(eq(consentRequests.providerId, filter.providerId));
  if (filter.status) where.push(eq(consentRequests.status, filter.status));
  if (filter.since) where.push(gt(consentRequests.changedAt, filter.since));
  return db
    .select()
    .from(consentRequests)
    .where(and(...where))
    .orderBy(desc(consentRequests.changedAt));
}

export async function consentHistory(db: Db, consumerReferenceId: string) {
  return db
    .select()
    .from(consentRequestEvents)
    .where(eq(consentRequestEvents.consumerReferenceId, consumerReferenceId))
    .orderBy(asc(consentRequestEvents.at), asc(consentRequestEvents.id));
}

/**
 * Claims up to `limit` queued PUT requests that are due, for `leaseSeconds`: FOR UPDATE SKIP LOCKED,
 * so concurrent instances never claim the same row, and the lease lets another instance (or this
 * one after a restart) take over a request whose sender died mid-send.
 */
export async function claimDueConsentRequests(db: Db, opts: { limit: number; leaseSeconds: number }): Promise<ClaimedConsentRequest[]> {
  const { claimId, keys } = await claimDueKeys(
    db,
    { table: "consent_requests", key: "consumer_reference_id", waiting: sql`status = 'queued' AND delivery = 'put'` },
    opts,
  );
  if (!keys.length) return [];
  const rows = await db
    .select()
    .from(consentRequests)
    .where(and(inArray(consentRequests.consumerReferenceId, keys), eq(consentRequests.claimId, claimId)));
  return rows.map((r) => ({ ...r, claimId }));
}

/** A request as its sender holds it: the claim it must show to record the outcome. */
export type ClaimedConsentRequest = ConsentRequestRow & { claimId: string };
export type Claim = Pick<ClaimedConsentRequest, "consumerReferenceId" | "claimId">;

/**
 * Records an outcome only as the holder of a live claim on a queued request: a sender whose lease
 * ran out (another has claimed the request since, or already recorded it sent) changes nothing,
 * so it can never overwrite another's "sent" with "failed". Returns whether it was recorded.
 */
type Outcome = { status?: ConsentStatus; lastError: string | null; changedAt?: SQL; nextAttemptAt?: SQL };

async function recordAsHolder(db: Db, claim: Claim, set: Outcome, event: "sent" | "failed" | "retry", detail: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(consentRequests)
      .set({ ...set, claimedUntil: null, claimId: null })
      .where(
        and(
          eq(consentRequests.consumerReferenceId, claim.consumerReferenceId),
          eq(consentRequests.claimId, claim.claimId),
          eq(consentRequests.status, "queued"),
        ),
      )
      // The Db union (PGlite | node-postgres) types returning() without a selection only.
      .returning();
    if (!updated.length) return false;
    await tx.insert(consentRequestEvents).values({ consumerReferenceId: claim.consumerReferenceId, actor: "outbox", event, detail });
    return true;
  });
}

/** The Provider answered 202 (received): sent. */
export function markConsentSent(db: Db, claim: Claim, detail: string): Promise<boolean> {
  return recordAsHolder(db, claim, { status: "sent", lastError: null, changedAt: sql`now()` }, "sent", detail);
}

/** A final refusal (4xx other than a timeout-like one): shown with its status code and message, not retried. */
export function markConsentFailed(db: Db, claim: Claim, detail: string): Promise<boolean> {
  return recordAsHolder(db, claim, { status: "failed", lastError: detail, changedAt: sql`now()` }, "failed", detail);
}

/** Not delivered this time (timeout, 5xx, connection lost): try again after `delayMs`. */
export function rescheduleConsent(db: Db, claim: Claim, delayMs: number, detail: string): Promise<boolean> {
  return recordAsHolder(
    db,
    claim,
    { lastError: detail, nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})` },
    "retry",
    detail,
  );
}

/** Capped exponential backoff with full jitter: attempt 1 waits up to `baseMs`, never more than `capMs`. */
export function backoffMs(attempt: number, opts: { baseMs: number; capMs: number }, random: () => number = Math.random): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** What a Provider's consent status means for our request: the Provider's final word, or nothing new. */
const OUTCOME: Record<string, ConsentStatus | undefined> = { confirmed: "confirmed", refused: "refused", revoked: "revoked" };

/** A status as read (ERRATA 35): `providerStatus` already inferred when the Provider left it out; `changedAt` when it said. */
export type ProviderAnswer = { consumerReferenceId?: string; providerReferenceId?: string; providerStatus: string; changedAt?: string };
/** `notOurs`: no request of ours behind the status (none named, or a reference we never made); `unknown`: another Provider's request. */
export type RecordOutcome = { outcome: "recorded"; schoolId: string } | { outcome: "unchanged" | "unknown" | "notOurs" };

/**
 * Records a status a Provider reported for one of our requests (GET /consent/statuses): confirmed
 * (with its providerReferenceId), refused or revoked, with a history line. Idempotent, so polls may
 * overlap; a Provider can only answer requests addressed to it; "requested" changes nothing (202
 * or the collection already said so); a concept never changes (the Provider cannot know it).
 */
export async function recordProviderStatus(db: Db, providerId: string, answer: ProviderAnswer): Promise<RecordOutcome> {
  const next = OUTCOME[answer.providerStatus];
  if (!answer.consumerReferenceId) return { outcome: "notOurs" };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(consentRequests)
      .where(and(eq(consentRequests.consumerReferenceId, answer.consumerReferenceId!), eq(consentRequests.providerId, providerId)))
      .for("update");
    if (!row) {
      const [elsewhere] = await tx
        .select({ providerId: consentRequests.providerId })
        .from(consentRequests)
        .where(eq(consentRequests.consumerReferenceId, answer.consumerReferenceId!));
      return { outcome: elsewhere ? "unknown" : "notOurs" };
    }
    // An empty reference means "not confirmed yet": it never erases one we have.
    const providerReferenceId = answer.providerReferenceId || row.providerReferenceId;
    // Revoked is final: a new request is the way back, and a poll that still saw the consent before
    // the Provider got the school's withdrawal must not bring it back.
    if (
      !next ||
      row.status === "concept" ||
      row.status === "revoked" ||
      (row.status === next && row.providerReferenceId === providerReferenceId)
    )
      return { outcome: "unchanged" };
    await tx
      .update(consentRequests)
      // The Provider has answered: nothing is left to send, whatever the outbox had planned.
      .set({ status: next, providerReferenceId, claimedUntil: null, lastError: null, changedAt: sql`now()` })
      .where(eq(consentRequests.consumerReferenceId, row.consumerReferenceId));
    const detail = [
      providerReferenceId ? `providerReferenceId ${providerReferenceId}` : undefined,
      answer.changedAt ? `changed at the Provider ${answer.changedAt}` : undefined,
    ]
      .filter(Boolean)
      .join(" · ");
    await tx.insert(consentRequestEvents).values({ consumerReferenceId: row.consumerReferenceId, actor: providerId, event: next, detail });
    return { outcome: "recorded", schoolId: row.schoolId };
  });
}

/** Consent a Provider holds that we did not ask for: the latest state per Provider, school and API. */
export type KnownConsent = {
  providerId: string;
  schoolId: string;
  api: string;
  providerStatus: string;
  providerReferenceId: string | null;
  changedAt: Date | null;
};

/**
 * Records consent a Provider reports without a request of ours behind it (ERRATA: statuses without
 * our consumerReferenceId). Idempotent; an older report (by the Provider's changedAt) never
 * overwrites a newer one. "recorded" when something changed.
 */
export async function recordKnownConsent(db: Db, known: KnownConsent): Promise<"recorded" | "unchanged"> {
  const rows = await db
    .insert(consentKnown)
    .values(known)
    .onConflictDoUpdate({
      target: [consentKnown.providerId, consentKnown.schoolId, consentKnown.api],
      set: {
        providerStatus: known.providerStatus,
        providerReferenceId: known.providerReferenceId,
        changedAt: known.changedAt,
        recordedAt: sql`now()`,
      },
      // Only a report at least as new as the one kept, and only when it says something else.
      setWhere: sql`(${consentKnown.changedAt} IS NULL OR excluded.changed_at IS NULL OR excluded.changed_at >= ${consentKnown.changedAt})
        AND (${consentKnown.providerStatus} IS DISTINCT FROM excluded.provider_status
          OR ${consentKnown.providerReferenceId} IS DISTINCT FROM excluded.provider_reference_id)`,
    })
    .returning();
  return rows.length ? "recorded" : "unchanged";
}

/** The consent known at Providers for one school (the matrix's cells without a request of ours). */
export async function knownConsentOf(db: Db, schoolId: string): Promise<KnownConsent[]> {
  return db
    .select({
      providerId: consentKnown.providerId,
      schoolId: consentKnown.schoolId,
      api: consentKnown.api,
      providerStatus: consentKnown.providerStatus,
      providerReferenceId: consentKnown.providerReferenceId,
      changedAt: consentKnown.changedAt,
    })
    .from(consentKnown)
    .where(eq(consentKnown.schoolId, schoolId));
}

export type StatusCursor = { providerId: string; since: Date | null; polledAt: Date | null; lastError: string | null };

export async function statusCursors(db: Db): Promise<StatusCursor[]> {
  return db.select().from(consentStatusCursors);
}

/** After a poll: the next `since` (only ever forward) and the outcome, an error kept until the next good poll. */
export async function saveStatusCursor(db: Db, providerId: string, update: { since?: Date; error?: string }): Promise<void> {
  const since = update.since ?? null;
  await db
    .insert(consentStatusCursors)
    .values({ providerId, since, polledAt: sql`now()`, lastError: update.error ?? null })
    .onConflictDoUpdate({
      target: consentStatusCursors.providerId,
      set: { since: sql`GREATEST(${consentStatusCursors.since}, excluded.since)`, polledAt: sql`now()`, lastError: update.error ?? null },
    });
}
