import "server-only";
import { getStore } from "@/lib/db/client";
import type { MassChangeBaselineRow } from "@/lib/db/schema";
import { massChangeShare } from "@/lib/env/mass-change-share";
import { log } from "@/lib/log";
import { processState } from "@/lib/process-state";
import { onConsentChange } from "@/lib/sources/answer-cache";
import { readBaseline, recordGood, recordLoss, type GuardedList } from "./baselines";
import type { Hold, MassChangeFlags } from "./flags";
import { judge } from "./judge";
import { keepLastGood, lastGood, type LastGood } from "./last-good";

/**
 * The mass-change guard (issue 25): a whole-school LAS answer (pupils, or enrollments) that lost more
 * than LDB_MASS_CHANGE_SHARE of the records of the last good one (a half-empty export at rollover)
 * is not taken for the school's data until a school administrator accepts it (review.ts):
 * - the lists serve the last good answer instead, marked `held`, while this process still holds it
 *   (last-good.ts); without it (after a restart) the new answer, marked `suspect`;
 * - either way the change is pending, and whoever draws "left", "not enrolled" or "not in the LAS"
 *   from a list draws nothing instead (`pendingIn`);
 * - the first answer ever becomes the baseline; growth, an equal count or a smaller loss move it, and
 *   end a wait (the LAS answers as before again).
 * Only a whole-school answer is judged: a list the Source filtered (a period, an offering) has fewer
 * records by design. It is served as it came, marked `suspect` while its whole list's change waits.
 * The counts and times are in the store (every instance judges against the same baseline, and it
 * survives a restart); what this process knows of them is kept no longer than the lists' answers.
 */

export type { GuardedList } from "./baselines";
export { flagsOf, pendingIn, type Hold, type MassChangeFlags } from "./flags";

/** A list answer as its cache gave it: with how many records count (`count`) and what last-good.ts keeps of it. */
export type Fresh<T> = LastGood & { value: T; count: number };
export type Served<T> = { value: T; at: number } & MassChangeFlags;

type Known = { hold: Hold | null; readAt: number };

/**
 * What this process knows of each school's lists (counts and times, no pupil data), and an epoch that
 * an acceptance or a consent change moves on, so an answer judged before is judged again.
 */
const known = processState(
  {
    key: "cache.mass-change",
    kind: "cache",
    what: "per school and LAS list, whether a mass change waits for review (counts and times only)",
    cap: "two entries per school served, each re-read from the store after BFF_CACHE_TTL_SECONDS (120 s)",
  },
  () => {
    const s = { lists: new Map<string, Known>(), epoch: 0 };
    onConsentChange(() => s.epoch++);
    return s;
  },
);

/** Whether a Source filter narrows nothing: the whole school's list, the one that is judged. */
export function wholeSchool(filter: Readonly<Record<string, unknown>>): boolean {
  return Object.values(filter).every((v) => v === undefined);
}

const keyOf = (schoolId: string, list: GuardedList) => JSON.stringify([schoolId, list]);
const ttlMs = () => Number(process.env.BFF_CACHE_TTL_SECONDS ?? 120) * 1000;

/** The waiting change a row records, if any. */
export function holdOf(row: MassChangeBaselineRow | undefined): Hold | null {
  if (!row?.pendingSince || row.pendingCount === null) return null;
  return {
    since: row.pendingSince.toISOString(),
    was: row.baselineCount,
    now: row.pendingCount,
    lost: Math.max(0, row.baselineCount - row.pendingCount),
  };
}

/** What this process now knows of a list (after a judgement, a read of the store or an acceptance). */
export function remember(schoolId: string, list: GuardedList, hold: Hold | null, opts: { accepted?: boolean } = {}): void {
  known.lists.set(keyOf(schoolId, list), { hold, readAt: Date.now() });
  if (opts.accepted) known.epoch++;
}

/** Forgets what this process knows of every list, and judges every answer again (the browser tests' reset, review.ts). */
export function forgetKnown(): void {
  known.lists.clear();
  known.epoch++;
}

// Per answer, its judgement (shared by concurrent readers): an answer is judged once per epoch, not on every read.
const judged = new WeakMap<object, { epoch: number; served: Promise<Served<unknown>> }>();

/** A whole-school answer, judged against the school's baseline: what the list serves, and how it stands. */
export function guardWholeList<T extends object>(schoolId: string, list: GuardedList, fresh: Fresh<T>): Promise<Served<T>> {
  const memo = judged.get(fresh.value);
  if (memo?.epoch === known.epoch) return memo.served as Promise<Served<T>>;
  const served = judgeAnswer(schoolId, list, fresh).catch((err: unknown) => {
    // The store could not be read or written: the answer is served unjudged (the routes need the store
    // anyway, so this is rare and short), and judged again on the next read.
    judged.delete(fresh.value);
    log().error({ err, schoolId, list }, "mass-change guard: answer served unjudged");
    return { value: fresh.value, at: fresh.at };
  });
  judged.set(fresh.value, { epoch: known.epoch, served });
  return served;
}

async function judgeAnswer<T extends object>(schoolId: string, list: GuardedList, fresh: Fresh<T>): Promise<Served<T>> {
  const { db } = await getStore();
  const baseline = await readBaseline(db, schoolId, list);
  const verdict = judge(baseline?.baselineCount ?? null, fresh.count, massChangeShare());
  if (verdict.kind !== "loss") {
    if (!unchanged(baseline, fresh)) await recordGood(db, schoolId, list, fresh.count, new Date(fresh.at));
    keepLastGood(schoolId, list, { value: fresh.value, at: fresh.at, bytes: fresh.bytes, sourceId: fresh.sourceId });
    remember(schoolId, list, null);
    return { value: fresh.value, at: fresh.at };
  }
  const hold = holdOf(await recordLoss(db, schoolId, list, fresh.count, new Date(fresh.at)));
  if (!hold) throw new Error("mass-change guard: the baseline judged against is gone");
  remember(schoolId, list, hold);
  // Once, when the wait begins (not at every answer read while it lasts). Counts and the school only: none of the pupils lost is named.
  if (hold.since === new Date(fresh.at).toISOString())
    log().warn({ schoolId, list, was: hold.was, now: hold.now }, "mass-change guard: LAS answer held for review");
  const last = lastGood<T>(schoolId, list);
  return last ? { value: last.value, at: last.at, held: hold } : { value: fresh.value, at: fresh.at, suspect: hold };
}

/** How long a baseline's time may lag the last good answer it counts, so that a count that stays the same is not written at every read. */
const BASELINE_TIME_STEP_MS = 10 * 60_000;

/** The baseline already says this: the same count, nothing waiting, its time less than BASELINE_TIME_STEP_MS before this answer's. */
function unchanged(baseline: MassChangeBaselineRow | undefined, fresh: { count: number; at: number }): boolean {
  return (
    baseline !== undefined &&
    baseline.pendingSince === null &&
    baseline.baselineCount === fresh.count &&
    fresh.at - baseline.baselineAt.getTime() < BASELINE_TIME_STEP_MS
  );
}

/**
 * How a filtered list of the school stands: `suspect` while its whole list's change waits (as this
 * process last knew it, re-read from the store when that is older than the lists' answers may be).
 */
export async function filteredFlags(schoolId: string, list: GuardedList): Promise<MassChangeFlags> {
  const hold = await knownHold(schoolId, list);
  return hold ? { suspect: hold } : {};
}

async function knownHold(schoolId: string, list: GuardedList): Promise<Hold | null> {
  const hit = known.lists.get(keyOf(schoolId, list));
  if (hit && Date.now() - hit.readAt < ttlMs()) return hit.hold;
  try {
    const hold = holdOf(await readBaseline((await getStore()).db, schoolId, list));
    remember(schoolId, list, hold);
    return hold;
  } catch (err) {
    log().error({ err, schoolId, list }, "mass-change guard: state not read");
    return hit?.hold ?? null;
  }
}
