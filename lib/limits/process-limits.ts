import { COVERAGE_RUNS_AT_ONCE, limits, type Limits } from "./numbers";
import { processState, replaceProcessState, type ProcessStateSpec } from "@/lib/process-state";
import { MAX_BUCKETS, RateLimiter } from "./token-bucket";

type State = { limiter: RateLimiter; limits: Limits; coverageRuns: Map<string, number> };

// One for the process: a user's lookups through two routes (two bundles) spend from one bucket.
const STATE: ProcessStateSpec = {
  key: "limits.staff",
  kind: "limits",
  what: "the staff members' rate-limit buckets and their coverage runs going",
  cap: `at most ${MAX_BUCKETS.toLocaleString("en")} buckets (least recently used out) and one counter per user with a run going`,
};

/** The process's counters: the rate limiter, the limits in force and the coverage runs going per user. */
export function processLimits(): State {
  return processState(STATE, () => ({ limiter: new RateLimiter(), limits: limits(), coverageRuns: new Map() }));
}

/** Tests: fresh counters, a clock of their own, other numbers. */
export function resetProcessLimits(opts: { now?: () => number; env?: string } = {}): State {
  return replaceProcessState(STATE, { limiter: new RateLimiter({ now: opts.now }), limits: limits(opts.env), coverageRuns: new Map() });
}

/**
 * One of the user's coverage runs starts: the release to call when it ends (however it ends), or
 * undefined when they already have COVERAGE_RUNS_AT_ONCE going.
 */
export function claimCoverageRun(userId: string): (() => void) | undefined {
  const { coverageRuns } = processLimits();
  const going = coverageRuns.get(userId) ?? 0;
  if (going >= COVERAGE_RUNS_AT_ONCE) return undefined;
  coverageRuns.set(userId, going + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (coverageRuns.get(userId) ?? 1) - 1;
    if (left > 0) coverageRuns.set(userId, left);
    else coverageRuns.delete(userId);
  };
}
