import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { massChangeBaselines, type MassChangeBaselineRow } from "@/lib/db/schema";

/**
 * The mass-change guard's counts in the store (table `mass_change_baselines`): per school and LAS list,
 * the last good answer's count and time, and a loss waiting for review. Counts and times only.
 * Every write is one statement, so two instances judging answers at once never leave half a row.
 */

export type GuardedList = "students" | "enrollments";

const row = (schoolId: string, list: GuardedList) => and(eq(massChangeBaselines.schoolId, schoolId), eq(massChangeBaselines.list, list));

/** The school's row for a list; undefined before its first whole answer was judged. */
export async function readBaseline(db: Db, schoolId: string, list: GuardedList): Promise<MassChangeBaselineRow | undefined> {
  const [found] = await db.select().from(massChangeBaselines).where(row(schoolId, list));
  return found;
}

/** Both of the school's rows (a list without an answer judged yet has none). */
export async function readBaselines(db: Db, schoolId: string): Promise<MassChangeBaselineRow[]> {
  return db.select().from(massChangeBaselines).where(eq(massChangeBaselines.schoolId, schoolId));
}

/** A good answer: it becomes the baseline, and whatever waited is over (the LAS answers as before again). */
export async function recordGood(db: Db, schoolId: string, list: GuardedList, count: number, at: Date): Promise<void> {
  const good = { baselineCount: count, baselineAt: at, pendingSince: null, pendingCount: null, pendingAt: null };
  await db
    .insert(massChangeBaselines)
    .values({ schoolId, list, ...good })
    .onConflictDoUpdate({ target: [massChangeBaselines.schoolId, massChangeBaselines.list], set: good });
}

/**
 * An answer that lost too much: the baseline stays, the loss waits (since when it was first seen,
 * kept over later losing answers; the count and time of the latest). Returns the row as it is now;
 * undefined when the school has no baseline (a loss needs one: the caller judged against it).
 */
export async function recordLoss(
  db: Db,
  schoolId: string,
  list: GuardedList,
  count: number,
  at: Date,
): Promise<MassChangeBaselineRow | undefined> {
  const [updated] = await db
    .update(massChangeBaselines)
    .set({
      pendingSince: sql`coalesce(${massChangeBaselines.pendingSince}, ${at.toISOString()}::timestamptz)`,
      pendingCount: count,
      pendingAt: at,
    })
    .where(row(schoolId, list))
    .returning();
  return updated;
}

/**
 * A school administrator accepts the waiting change: its count becomes the baseline (as of `at`).
 * Only when a change waits, and (with `expected`) only when it still has that count, so an
 * administrator never accepts an answer they did not see. Returns the row as it is now, or undefined
 * when nothing was accepted.
 */
export async function acceptPending(
  db: Db,
  schoolId: string,
  list: GuardedList,
  at: Date,
  expected?: number,
): Promise<MassChangeBaselineRow | undefined> {
  const waiting = and(row(schoolId, list), isNotNull(massChangeBaselines.pendingCount));
  const [accepted] = await db
    .update(massChangeBaselines)
    .set({
      baselineCount: sql`${massChangeBaselines.pendingCount}`,
      baselineAt: at,
      pendingSince: null,
      pendingCount: null,
      pendingAt: null,
    })
    .where(expected === undefined ? waiting : and(waiting, eq(massChangeBaselines.pendingCount, expected)))
    .returning();
  return accepted;
}

/** Every school's baselines and waits gone (the browser tests' reset only: see review.ts `forgetMassChanges`). */
export async function deleteAllBaselines(db: Db): Promise<void> {
  await db.delete(massChangeBaselines);
}
