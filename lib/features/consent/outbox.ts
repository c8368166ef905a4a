import "server-only";
import { backoffMs, claimDueConsentRequests, markConsentFailed, markConsentSent, rescheduleConsent } from "@/lib/db/consent";
import {
  claimDueWithdrawals,
  markWithdrawalFailed,
  markWithdrawalSent,
  rescheduleWithdrawal,
  type ClaimedWithdrawal,
} from "@/lib/db/consent-revokes";
import type { Db } from "@/lib/db/client";
import type { EduvClient } from "@/lib/sources/transport/client";
import { SourceError, formatStatusCode } from "@/lib/sources/errors";
import { putConsentRequest, putConsentRevoke } from "@/lib/sources/operations";
import { consentSchoolReference } from "@/lib/sources/transport/request-params";
import type { SchoolConfig } from "@/lib/sources/config";

/** Failures worth another try: the Provider may be back later. Everything else is its final answer. */
const RETRY = new Set(["timeout", "unreachable", "server_error", "token_refused", "token_unavailable", "busy"]);

export type OutboxOptions = { limit?: number; leaseSeconds?: number; baseMs?: number; capMs?: number };
export type OutboxRound = { claimed: number; sent: number; failed: number; retried: number };

/** How one kind of outbox row is claimed, sent and recorded. */
type Outbox<Row extends { schoolId: string; providerId: string; attempts: number }> = {
  claim(db: Db, opts: { limit: number; leaseSeconds: number }): Promise<Row[]>;
  send(client: EduvClient, row: Row, school: SchoolConfig): Promise<{ meta: { httpStatus: number } }>;
  sent(db: Db, row: Row, detail: string): Promise<boolean>;
  failed(db: Db, row: Row, detail: string): Promise<boolean>;
  reschedule(db: Db, row: Row, delayMs: number, detail: string): Promise<boolean>;
};

/**
 * One round of an outbox: claim what is due, PUT each to its Provider (idempotent per reference, so a
 * repeat after a lost answer is harmless), record the outcome: sent (202), final refusal (kept with
 * the Provider's words), or another try after a capped, jittered backoff (not before a busy
 * Provider's Retry-After).
 */
async function sendDue<Row extends { schoolId: string; providerId: string; attempts: number }>(
  outbox: Outbox<Row>,
  db: Db,
  client: EduvClient,
  opts: OutboxOptions,
): Promise<OutboxRound> {
  const claimed = await outbox.claim(db, { limit: opts.limit ?? 20, leaseSeconds: opts.leaseSeconds ?? 60 });
  const round: OutboxRound = { claimed: claimed.length, sent: 0, failed: 0, retried: 0 };
  await Promise.all(
    claimed.map(async (row) => {
      const school = client.config.schools.find((s) => s.id === row.schoolId);
      if (!school) {
        round.failed++;
        return void (await outbox.failed(db, row, "school not configured"));
      }
      try {
        const result = await outbox.send(client, row, school);
        round.sent++;
        await outbox.sent(db, row, `HTTP ${result.meta.httpStatus}`);
      } catch (err) {
        const e = err instanceof SourceError ? err : undefined;
        // The Provider's own words (its statusMessage), as it answered: shown to the consent manager in either language.
        const detail = e
          ? [e.httpStatus ? `HTTP ${e.httpStatus}` : e.kind, formatStatusCode(e.statusCode), e.statusMessage].filter(Boolean).join(" · ")
          : "internal error";
        if (!e || RETRY.has(e.kind)) {
          round.retried++;
          const backoff = backoffMs(row.attempts, { baseMs: opts.baseMs ?? 2_000, capMs: opts.capMs ?? 300_000 });
          // A busy Provider said when to come back: not before then.
          const asked = e?.retryAt ? Date.parse(e.retryAt) - Date.now() : 0;
          await outbox.reschedule(db, row, Math.max(backoff, asked), detail);
        } else {
          round.failed++;
          await outbox.failed(db, row, detail);
        }
      }
    }),
  );
  return round;
}

const requests: Outbox<Awaited<ReturnType<typeof claimDueConsentRequests>>[number]> = {
  claim: claimDueConsentRequests,
  send: (client, row, school) =>
    client.call(putConsentRequest, row.providerId, {
      body: {
        consumerReferenceId: row.consumerReferenceId,
        school: consentSchoolReference(school),
        api: row.api,
        scopes: row.scopes,
        consumerStatus: row.consumerStatus,
      },
    }),
  sent: markConsentSent,
  failed: markConsentFailed,
  reschedule: rescheduleConsent,
};

const withdrawals: Outbox<ClaimedWithdrawal> = {
  claim: claimDueWithdrawals,
  send: (client, row, school) =>
    client.call(putConsentRevoke, row.providerId, {
      body: {
        ...(row.consumerReferenceId ? { consumerReferenceId: row.consumerReferenceId } : {}),
        ...(row.providerReferenceId ? { providerReferenceId: row.providerReferenceId } : {}),
        school: consentSchoolReference(school),
        api: row.api,
        scopes: row.scopes,
        providerStatus: "revoked" as const,
      },
    }),
  sent: markWithdrawalSent,
  failed: markWithdrawalFailed,
  reschedule: rescheduleWithdrawal,
};

/** One round of the consent requests' outbox (PUT /consent/requests). */
export function sendDueConsentRequests(db: Db, client: EduvClient, opts: OutboxOptions = {}): Promise<OutboxRound> {
  return sendDue(requests, db, client, opts);
}

/** One round of the withdrawals' outbox (PUT /consent/revokes, ERRATA 42). */
export function sendDueWithdrawals(db: Db, client: EduvClient, opts: OutboxOptions = {}): Promise<OutboxRound> {
  return sendDue(withdrawals, db, client, opts);
}
