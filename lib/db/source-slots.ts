import { sql } from "drizzle-orm";
import type { Db } from "./client";

/**
 * A Source's maxConcurrentCalls as a semaphore in PostgreSQL, for every dashboard process on the
 * same database: one row per slot, taken with FOR UPDATE SKIP LOCKED (two processes never get the
 * same slot, and neither waits on the other's lock), held on a lease that the holder renews while
 * its call runs. A process that dies stops renewing, and its slots are free when the lease runs out.
 *
 * Taking a slot is one statement (one round trip): it also keeps the waiting line of processes
 * (source_slot_waiters), so that a process that keeps finding slots taken is served before one
 * that was just served, released and asks again; without it the releasing process, which asks
 * first, would win every slot.
 */
/** Notifications: "<sourceId>" when a slot was released, "<sourceId> <holder>" when `holder` was refused with a slot free (others should ask). */
export const SLOT_CHANNEL = "ldb_source_slots";

/** Makes sure the Source has `limit` slot rows (more are never removed; only slots below the limit are taken). */
export async function ensureSlots(db: Db, sourceId: string, limit: number): Promise<void> {
  await db.execute(
    sql`INSERT INTO source_slots (source_id, slot) SELECT ${sourceId}, g FROM generate_series(0, ${limit}::int - 1) AS g ON CONFLICT DO NOTHING`,
  );
}

export type TakeSlot = {
  sourceId: string;
  holder: string;
  limit: number;
  leaseSeconds: number;
  waitSeconds: number;
  /** Whether more of the holder's calls wait than it asks slots for (it then keeps its place in the line, at the back). */
  moreWaiting: boolean;
  /** How many slots it asks for at most (one statement refills all of a process's free places); default 1. */
  count?: number;
};

/**
 * Up to `count` free slots for `holder` (none: an empty list). Refused while another live waiter was served less
 * recently (never since it joined comes first; ties by how long it has waited). A refused holder
 * joins (or keeps) its place in the line; a served one notes when, so it goes behind the others,
 * or leaves the line when nothing more of it waits.
 */
export async function takeSlots(db: Db, t: TakeSlot): Promise<number[]> {
  const result = await db.execute(sql`
    WITH mine AS (
      SELECT COALESCE(served_at, '-infinity') AS served, since FROM source_slot_waiters
      WHERE source_id = ${t.sourceId} AND holder = ${t.holder} AND expires_at > now()
    ), ahead AS (
      SELECT 1 FROM source_slot_waiters w
      WHERE w.source_id = ${t.sourceId} AND w.holder <> ${t.holder} AND w.expires_at > now()
        AND (COALESCE(w.served_at, '-infinity'), w.since) < (COALESCE((SELECT served FROM mine), '-infinity'), COALESCE((SELECT since FROM mine), now()))
      LIMIT 1
    ), free AS (
      SELECT slot FROM source_slots
      WHERE source_id = ${t.sourceId} AND slot < ${t.limit}::int AND (holder IS NULL OR expires_at < now())
        AND NOT EXISTS (SELECT 1 FROM ahead)
      ORDER BY slot LIMIT ${t.count ?? 1}::int
      FOR UPDATE SKIP LOCKED
    ), taken AS (
      UPDATE source_slots s SET holder = ${t.holder}, expires_at = now() + make_interval(secs => ${t.leaseSeconds}::float8)
      FROM free WHERE s.source_id = ${t.sourceId} AND s.slot = free.slot
      RETURNING s.slot
    ), line AS (
      INSERT INTO source_slot_waiters (source_id, holder, since, served_at, expires_at)
      SELECT ${t.sourceId}, ${t.holder}, now(), CASE WHEN EXISTS (SELECT 1 FROM taken) THEN now() END, now() + make_interval(secs => ${t.waitSeconds}::float8)
      WHERE NOT EXISTS (SELECT 1 FROM taken) OR ${t.moreWaiting}::boolean
      ON CONFLICT (source_id, holder) DO UPDATE SET
        since = CASE WHEN source_slot_waiters.expires_at <= now() THEN now() ELSE source_slot_waiters.since END,
        served_at = CASE WHEN EXISTS (SELECT 1 FROM taken) THEN now() WHEN source_slot_waiters.expires_at <= now() THEN NULL ELSE source_slot_waiters.served_at END,
        expires_at = EXCLUDED.expires_at
    ), gone AS (
      DELETE FROM source_slot_waiters
      WHERE source_id = ${t.sourceId} AND holder = ${t.holder} AND EXISTS (SELECT 1 FROM taken) AND NOT ${t.moreWaiting}::boolean
    ), nudge AS (
      -- Refused only because another process is ahead while a slot is free: wake that one now rather than at its next poll.
      SELECT pg_notify(${SLOT_CHANNEL}, ${t.sourceId} || ' ' || ${t.holder})
      WHERE NOT EXISTS (SELECT 1 FROM taken) AND EXISTS (SELECT 1 FROM ahead)
        AND EXISTS (SELECT 1 FROM source_slots WHERE source_id = ${t.sourceId} AND slot < ${t.limit}::int AND (holder IS NULL OR expires_at < now()))
    )
    SELECT (SELECT array_agg(slot ORDER BY slot) FROM taken) AS slots, (SELECT count(*) FROM nudge) AS nudged`);
  const row = (result.rows as Array<{ slots: number[] | string | null }>)[0];
  return parseSlots(row?.slots);
}

/** int[] as the driver hands it over: an array, or PostgreSQL's text form "{1,2}". */
function parseSlots(value: number[] | string | null | undefined): number[] {
  if (!value) return [];
  if (Array.isArray(value)) return value.map(Number);
  return value.replace(/[{}]/g, "").split(",").filter(Boolean).map(Number);
}

/** One free slot for `holder`, or undefined (takeSlots with count 1). */
export async function takeSlot(db: Db, t: TakeSlot): Promise<number | undefined> {
  return (await takeSlots(db, { ...t, count: 1 }))[0];
}

/** Frees the slot if `holder` still holds it, and tells the processes listening that one is free. */
export async function releaseSlot(db: Db, sourceId: string, slot: number, holder: string): Promise<void> {
  await db.execute(sql`
    WITH freed AS (
      UPDATE source_slots SET holder = NULL, expires_at = NULL
      WHERE source_id = ${sourceId} AND slot = ${slot}::int AND holder = ${holder}
      RETURNING source_id
    )
    SELECT pg_notify(${SLOT_CHANNEL}, source_id) FROM freed`);
}

/** Renews the leases of the slots `holder` holds for calls still running ("sourceId:slot" keys). */
export async function renewSlots(db: Db, holder: string, held: readonly string[], leaseSeconds: number): Promise<void> {
  if (!held.length) return;
  await db.execute(sql`
    UPDATE source_slots SET expires_at = now() + make_interval(secs => ${leaseSeconds}::float8)
    WHERE holder = ${holder} AND (source_id || ':' || slot) = ANY(${sql.raw("ARRAY[")}${sql.join(
      held.map((k) => sql`${k}`),
      sql`, `,
    )}${sql.raw("]::text[]")})`);
}

/** Leaves the waiting line of a Source (nothing of this process waits for it any more). */
export async function leaveLine(db: Db, sourceId: string, holder: string): Promise<void> {
  await db.execute(sql`DELETE FROM source_slot_waiters WHERE source_id = ${sourceId} AND holder = ${holder}`);
}
