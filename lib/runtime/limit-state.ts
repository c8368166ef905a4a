import { COVERAGE_RUNS_AT_ONCE, limits, type Limits } from "../limits/numbers";
import { RateLimiter } from "../limits/token-bucket";

type State = { limiter: RateLimiter; limits: Limits; coverageRuns: Map<string, number> };

// On globalThis: Next bundles every route apart, and a user's lookups through two routes must spend from one bucket.
const KEY = Symbol.for("ldb.processLimits");
const g = globalThis as typeof globalThis & { [KEY]?: State };

/** The process's counters: the rate limiter, the limits in force and the coverage runs going per user. */
export function processLimits(): State {
  g[KEY] ??= { limiter: new RateLimiter(), limits: limits(), coverageRuns: new Map() };
  return g[KEY];
}

/** Tests: fresh counters, a clock of their own, other numbers. */
export function resetProcessLimits(opts: { now?: () => number; env?: string } = {}): State {
  g[KEY] = { limiter: new RateLimiter({ now: opts.now }), limits: limits(opts.env), coverageRuns: new Map() };
  return g[KEY];
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
