import "server-only";
import type { UserLimitKind } from "@/lib/limits/numbers";
import { claimCoverageRun, processLimits } from "@/lib/limits/process-limits";
import type { Locale } from "@/lib/i18n/locale";
import { tooManyRequests } from "./errors";

/** Coverage runs hold this while they go; a second one is told to wait for the first (a hint: runs take seconds). */
const COVERAGE_RETRY_HINT_MS = 5_000;

/**
 * Spends one of each kind from the staff member's buckets, or none and answers 429. Checked
 * before the handler runs, so a refused request makes no Source call.
 */
export function refusedByLimits(staffId: string, kinds: readonly UserLimitKind[], lang: Locale): Response | undefined {
  if (!kinds.length) return undefined;
  const { limiter, limits } = processLimits();
  const taken = limiter.take(...[...new Set(kinds)].map((kind) => ({ key: `user:${staffId}:${kind}`, rule: limits[kind] })));
  return taken.ok ? undefined : tooManyRequests("rate_limited", lang, taken.retryAfterMs, limiter.now());
}

/** The staff member's coverage run: its release, or the 429 that says one is already going. */
export function startCoverageRun(staffId: string, lang: Locale): { release: () => void } | { refused: Response } {
  const release = claimCoverageRun(staffId);
  return release
    ? { release }
    : { refused: tooManyRequests("coverage_running", lang, COVERAGE_RETRY_HINT_MS, processLimits().limiter.now()) };
}
