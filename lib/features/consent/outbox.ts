import "server-only";
import { backoffMs, claimDueConsentRequests, markConsentFailed, markConsentSent, rescheduleConsent } from "@/lib/db/consent";
import type { Db } from "@/lib/db/client";
import type { EduvClient } from "@/lib/sources/transport/client";
import { SourceError, formatStatusCode } from "@/lib/sources/errors";
import { putConsentRequest } from "@/lib/sources/operations";
import { consentSchoolReference } from "@/lib/sources/transport/request-params";

/** Failures worth another try: the Provider may be back later. Everything else is its final answer. */
const RETRY = new Set(["timeout", "unreachable", "server_error", "token_refused", "token_unavailable", "busy"]);

export type OutboxOptions = { limit?: number; leaseSeconds?: number; baseMs?: number; capMs?: number };
export type OutboxRound = { claimed: number; sent: number; failed: number; retried: number };

/**
 * One round of the outbox: claim what is due, PUT each to its Provider (idempotent per
 * consumerReferenceId, so a repeat after a lost answer is harmless), record the outcome.
 */
export async function sendDueConsentRequests(db: Db, client: EduvClient, opts: OutboxOptions = {}): Promise<OutboxRound> {
  const claimed = await claimDueConsentRequests(db, { limit: opts.limit ?? 20, leaseSeconds: opts.leaseSeconds ?? 60 });
  const round: OutboxRound = { claimed: claimed.length, sent: 0, failed: 0, retried: 0 };
  await Promise.all(
    claimed.map(async (row) => {
      const school = client.config.schools.find((s) => s.id === row.schoolId);
      if (!school) {
        round.failed++;
        return void (await markConsentFailed(db, row, "school not configured"));
      }
      try {
        const result = await client.call(putConsentRequest, row.providerId, {
          body: {
            consumerReferenceId: row.consumerReferenceId,
            school: consentSchoolReference(school),
            api: row.api,
            scopes: row.scopes,
            consumerStatus: row.consumerStatus,
          },
        });
        round.sent++;
        await markConsentSent(db, row, `HTTP ${result.meta.httpStatus}`);
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
          await rescheduleConsent(db, row, Math.max(backoff, asked), detail);
        } else {
          round.failed++;
          await markConsentFailed(db, row, detail);
        }
      }
    }),
  );
  return round;
}
