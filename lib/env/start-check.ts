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
