/**
 * How many cases a fast-check property runs: FC_NUM_RUNS when it is set (the quick loop,
 * scripts/test-quick.mjs, sets it small), else the property's own count. `npm test` leaves it
 * unset, so there every property runs at full strength. Checks that only hold with many cases (every
 * rule broken at least once) compare `numRuns(full)` with `full` and are made only at full strength.
 */
export function numRuns(full: number): number {
  const raw = process.env.FC_NUM_RUNS?.trim();
  if (!raw) return full;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`FC_NUM_RUNS must be a whole number of at least 1, not ${JSON.stringify(raw)}`);
  return n;
}
