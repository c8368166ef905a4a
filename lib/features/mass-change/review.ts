import "server-only";
import type { MassChangeListName, MassChangeState } from "@/lib/contracts/mass-change";
import { MASS_CHANGE_LISTS } from "@/lib/contracts/mass-change";
import { getStore } from "@/lib/db/client";
import { acceptPending, deleteAllBaselines, readBaseline, readBaselines } from "./baselines";
import type { MassChangeBaselineRow } from "@/lib/db/schema";
import { forgetKnown, holdOf, remember } from "./guard";
import { forgetAllLastGood, forgetLastGood, holdsLastGood } from "./last-good";
import { massChangeShare } from "@/lib/env/mass-change-share";

/**
 * What a school administrator reviews and accepts (issue 25's mass-change guard; guard.ts judges the
 * answers): per list the baseline and the change waiting, from the store (so every instance answers
 * alike), with whether this instance serves the last good answer meanwhile. Counts and times only.
 */

/** An accepted change whose count is no longer the one the administrator saw (a newer answer came): nothing is accepted. */
export class MassChangeMovedError extends Error {
  override readonly name = "MassChangeMovedError";
  constructor(readonly list: MassChangeListName) {
    super(`the waiting change of ${list} has another count now`);
  }
}

function stateOf(schoolId: string, list: MassChangeListName, row: MassChangeBaselineRow | undefined): MassChangeState {
  const hold = holdOf(row);
  return {
    list,
    baseline: row ? { count: row.baselineCount, at: row.baselineAt.toISOString() } : null,
    pending:
      hold && row?.pendingAt
        ? { ...hold, seenAt: row.pendingAt.toISOString(), served: holdsLastGood(schoolId, list) ? "held" : "suspect" }
        : null,
  };
}

/** The school's lists as GET /api/data-quality/mass-change answers them (and a page may show them). */
export async function readMassChange(schoolId: string): Promise<{ share: number; lists: MassChangeState[] }> {
  const rows = await readBaselines((await getStore()).db, schoolId);
  const lists = MASS_CHANGE_LISTS.map((list) => {
    const row = rows.find((r) => r.list === list);
    remember(schoolId, list, holdOf(row));
    return stateOf(schoolId, list, row);
  });
  return { share: massChangeShare(), lists };
}

/**
 * Accepts the waiting change of `list`: the latest answer's count becomes the baseline, this process
 * lets the last good answer go and judges its lists again (the answer it now reads is served as it
 * is, and conclusions are drawn from it again). Other instances follow when they next judge an answer,
 * at the latest when their list answers are read anew (BFF_CACHE_TTL_SECONDS). `seen`: the count the
 * administrator was shown (MassChangeMovedError when the change has another count by now).
 * `lost`: how many records fewer the accepted answer has than the baseline it replaces.
 */
export async function acceptMassChange(
  schoolId: string,
  list: MassChangeListName,
  opts: { seen?: number; at?: Date } = {},
): Promise<{ accepted: boolean; lost: number; state: MassChangeState }> {
  const { db } = await getStore();
  const before = await readBaseline(db, schoolId, list);
  const waiting = holdOf(before);
  if (!waiting) return { accepted: false, lost: 0, state: stateOf(schoolId, list, before) };
  if (opts.seen !== undefined && opts.seen !== waiting.now) throw new MassChangeMovedError(list);
  const accepted = await acceptPending(db, schoolId, list, opts.at ?? new Date(), waiting.now);
  // Between the read and the update another answer was judged: its count was not the one seen.
  if (!accepted) throw new MassChangeMovedError(list);
  forgetLastGood(schoolId, list);
  remember(schoolId, list, null, { accepted: true });
  return { accepted: true, lost: waiting.lost, state: stateOf(schoolId, list, accepted) };
}

/**
 * The browser tests' reset (POST /api/e2e/reset, which answers only with LDB_E2E=1 outside
 * production): every baseline and wait in the store, every last good answer and all this process
 * knows of them, gone, so each test starts from a first answer whatever ran before it (a test at the
 * sandbox's bench scale would otherwise leave a baseline of 3,000 pupils, and the next test's 1,400
 * would wait for review). Never called otherwise: a production guard keeps its baselines.
 */
export async function forgetMassChanges(): Promise<void> {
  await deleteAllBaselines((await getStore()).db);
  forgetAllLastGood();
  forgetKnown();
}
