import { massChangeShareProblem } from "./mass-change-share";
import { productionStartProblem } from "./production";

/**
 * Called first thing from instrumentation.ts (Node.js runtime only). An error thrown from
 * register() is only logged: `next start` goes on listening and answers every request with 500
 * (tried with Next 16.4). A production server without its settings stops instead, with one
 * message naming every missing setting, and a non-zero exit code.
 */
export function stopWithoutProductionSettings(): void {
  const problem = productionStartProblem();
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}

/**
 * Settings that have no safe stand-in when they are given wrong stop every start, demo and tests
 * included, the same way: one message naming the setting and what it takes. Now
 * LDB_MASS_CHANGE_SHARE (mass-change-share.ts); the build needs none of them.
 */
export function stopOnBadSettings(env: Readonly<Record<string, string | undefined>> = process.env): void {
  if (env.NEXT_PHASE === "phase-production-build") return;
  const problem = massChangeShareProblem(env);
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}
