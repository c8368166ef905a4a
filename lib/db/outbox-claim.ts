import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";

/** A table whose rows are their own outbox entries (schema.ts outboxColumns): its name, its key column, which rows wait to be sent. */
export type OutboxTable = { table: "consent_requests" | "consent_revokes"; key: "consumer_reference_id" | "revoke_id"; waiting: SQL };

/**
 * Claims up to `limit` waiting rows that are due, for `leaseSeconds`: FOR UPDATE SKIP LOCKED, so
 * concurrent instances never claim the same row, and the lease lets another instance (or this one
 * after a restart) take over a row whose sender died mid-send. Each claim gets an id of its own, so
 * only its holder can record the outcome. Returns that id and the keys claimed.
 */
export async function claimDueKeys(
  db: Db,
  outbox: OutboxTable,
  opts: { limit: number; leaseSeconds: number },
): Promise<{ claimId: string; keys: string[] }> {
  const claimId = randomUUID();
  const table = sql.raw(outbox.table);
  const key = sql.raw(outbox.key);
  const result = await db.execute(sql`
    UPDATE ${table} SET claimed_until = now() + make_interval(secs => ${opts.leaseSeconds}), attempts = attempts + 1, claim_id = ${claimId}
    WHERE ${key} IN (
      SELECT ${key} FROM ${table}
      WHERE ${outbox.waiting} AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
      ORDER BY next_attempt_at
      LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING ${key} AS key`);
  return { claimId, keys: (result.rows as Array<{ key: string }>).map((r) => r.key) };
}
