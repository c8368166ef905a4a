import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { claimDueKeys } from "./outbox-claim";
import { consentRequestEvents, consentRequests, consentRevokes, type ConsentRevokeRow } from "./schema";

/**
 * The school's withdrawals of consent (ERRATA 42): stored first, then sent as PUT /consent/revokes by
 * the outbox (claimed with a lease under SKIP LOCKED, as consent requests are), and confirmed when the
 * Provider's statuses say revoked. A withdrawal of one of our requests also marks that request revoked
 * at once, with a history line: for the school the consent ends when it is withdrawn, not when the
 * Provider gets round to it.
 */

export const WITHDRAWAL_STATUSES = ["queued", "sent", "failed", "confirmed"] as const;
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number];
/** Open: the Provider has not yet confirmed, nor refused for good. */
export const OPEN_WITHDRAWALS: readonly WithdrawalStatus[] = ["queued", "sent"];

export type NewWithdrawal = {
  schoolId: string;
  providerId: string;
  api: string;
  consumerReferenceId: string | null;
  providerReferenceId: string | null;
  scopes: readonly string[];
  reason: string;
  actor: string;
};

/**
 * Stores a withdrawal (queued) and, when it names one of our requests, marks that request revoked with
 * a "withdrawn" history line, in one transaction. "open" when a withdrawal of the same pair is still
 * on its way: one is enough.
 */
export async function storeWithdrawal(db: Db, input: NewWithdrawal): Promise<ConsentRevokeRow | "open"> {
  return db.transaction(async (tx) => {
    const pair = and(
      eq(consentRevokes.schoolId, input.schoolId),
      eq(consentRevokes.providerId, input.providerId),
      eq(consentRevokes.api, input.api),
      inArray(consentRevokes.status, [...OPEN_WITHDRAWALS]),
    );
    // Serialises two consent managers withdrawing the same pair at once: the second finds the first's row.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`revoke ${input.schoolId} ${input.providerId} ${input.api}`}))`);
    const [open] = await tx.select({ id: consentRevokes.revokeId }).from(consentRevokes).where(pair);
    if (open) return "open";
    const [row] = await tx
      .insert(consentRevokes)
      .values({ revokeId: randomUUID(), ...input, scopes: [...input.scopes], status: "queued", createdBy: input.actor })
      .returning();
    if (input.consumerReferenceId) {
      await tx
        .update(consentRequests)
        .set({ status: "revoked", claimedUntil: null, changedAt: sql`now()` })
        .where(eq(consentRequests.consumerReferenceId, input.consumerReferenceId));
      await tx
        .insert(consentRequestEvents)
        .values({ consumerReferenceId: input.consumerReferenceId, actor: input.actor, event: "withdrawn", detail: input.reason });
    }
    return row!;
  });
}

/** The latest withdrawal of each pair of one school (the matrix's cells), keyed `${providerId} ${api}`. */
export async function latestWithdrawals(db: Db, schoolId: string): Promise<Map<string, ConsentRevokeRow>> {
  const rows = await db.select().from(consentRevokes).where(eq(consentRevokes.schoolId, schoolId)).orderBy(desc(consentRevokes.createdAt));
  const latest = new Map<string, ConsentRevokeRow>();
  for (const row of rows) if (!latest.has(`${row.providerId} ${row.api}`)) latest.set(`${row.providerId} ${row.api}`, row);
  return latest;
}

export type ClaimedWithdrawal = ConsentRevokeRow & { claimId: string };

/** Claims up to `limit` queued withdrawals that are due, for `leaseSeconds` (FOR UPDATE SKIP LOCKED, like consent requests). */
export async function claimDueWithdrawals(db: Db, opts: { limit: number; leaseSeconds: number }): Promise<ClaimedWithdrawal[]> {
  const { claimId, keys } = await claimDueKeys(db, { table: "consent_revokes", key: "revoke_id", waiting: sql`status = 'queued'` }, opts);
  if (!keys.length) return [];
  const rows = await db
    .select()
    .from(consentRevokes)
    .where(and(inArray(consentRevokes.revokeId, keys), eq(consentRevokes.claimId, claimId)));
  return rows.map((r) => ({ ...r, claimId }));
}

type Outcome = { status?: WithdrawalStatus; lastError: string | null; changedAt?: SQL; nextAttemptAt?: SQL };
export type WithdrawalClaim = Pick<ClaimedWithdrawal, "revokeId" | "claimId" | "consumerReferenceId">;

/** Records an outcome only as the holder of a live claim on a queued withdrawal (see recordAsHolder in consent.ts). */
async function recordAsHolder(db: Db, claim: WithdrawalClaim, set: Outcome, event: string, detail: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(consentRevokes)
      .set({ ...set, claimedUntil: null, claimId: null })
      .where(
        and(eq(consentRevokes.revokeId, claim.revokeId), eq(consentRevokes.claimId, claim.claimId), eq(consentRevokes.status, "queued")),
      )
      .returning();
    if (!updated.length) return false;
    // The request's history tells the whole story; a withdrawal of consent the Provider held has only its row.
    if (claim.consumerReferenceId)
      await tx.insert(consentRequestEvents).values({ consumerReferenceId: claim.consumerReferenceId, actor: "outbox", event, detail });
    return true;
  });
}

/** The Provider answered 202: it received the withdrawal. */
export function markWithdrawalSent(db: Db, claim: WithdrawalClaim, detail: string): Promise<boolean> {
  return recordAsHolder(db, claim, { status: "sent", lastError: null, changedAt: sql`now()` }, "revoke_sent", detail);
}

/** A final refusal: shown with the Provider's words; the school may withdraw again after a fix. */
export function markWithdrawalFailed(db: Db, claim: WithdrawalClaim, detail: string): Promise<boolean> {
  return recordAsHolder(db, claim, { status: "failed", lastError: detail, changedAt: sql`now()` }, "revoke_failed", detail);
}

/** Not delivered this time: again after `delayMs`. */
export function rescheduleWithdrawal(db: Db, claim: WithdrawalClaim, delayMs: number, detail: string): Promise<boolean> {
  return recordAsHolder(
    db,
    claim,
    { lastError: detail, nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})` },
    "revoke_retry",
    detail,
  );
}

/**
 * The Provider reports a registration revoked: the open (or failed) withdrawals it answers are
 * confirmed. A withdrawal is matched by our request's reference, or by the Provider's reference, or,
 * when the status names neither, by school and API. Returns how many were confirmed.
 */
export async function confirmWithdrawals(
  db: Db,
  providerId: string,
  match: { schoolId?: string; api?: string; consumerReferenceId?: string; providerReferenceId?: string },
): Promise<number> {
  const by: SQL[] = [];
  if (match.consumerReferenceId) by.push(eq(consentRevokes.consumerReferenceId, match.consumerReferenceId));
  if (match.providerReferenceId) by.push(eq(consentRevokes.providerReferenceId, match.providerReferenceId));
  if (!by.length && match.schoolId && match.api)
    by.push(and(eq(consentRevokes.schoolId, match.schoolId), eq(consentRevokes.api, match.api))!);
  if (!by.length) return 0;
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(consentRevokes)
      .set({ status: "confirmed", lastError: null, claimedUntil: null, claimId: null, changedAt: sql`now()` })
      .where(and(eq(consentRevokes.providerId, providerId), inArray(consentRevokes.status, ["queued", "sent", "failed"]), or(...by)))
      .returning();
    // The request's history ends with the Provider's own word (its reference, when it gave one).
    for (const row of rows.filter((r) => r.consumerReferenceId))
      await tx.insert(consentRequestEvents).values({
        consumerReferenceId: row.consumerReferenceId!,
        actor: providerId,
        event: "revoked",
        detail: match.providerReferenceId ? `providerReferenceId ${match.providerReferenceId}` : null,
      });
    return rows.length;
  });
}
