/**
 * What the Bronnen page hands its contract-health section: a Source's last 7 days as the server
 * summed them (lib/sources/health/contract-health-summary.ts SourceSummary is one: the page passes
 * it as it is). Declared here, as the shape this section reads, because components may not import
 * the Source side and no BFF endpoint answers it (the vendor's report is Markdown);
 * health-view.test.ts holds the constants below to the Source side's.
 */

export type Counts = Readonly<Record<string, number>>;

export type HealthLastError = { kind: string; httpStatus: number | null; code: string | null; at: number };

export type HealthCountersView = {
  calls: number;
  failed: number;
  answers: Counts;
  codes: Counts;
  received: number;
  kept: number;
  leftOut: number;
  leftOutPaths: Counts;
  normalizedPaths: Counts;
  leftOutItems: Counts;
  unknownEnums: Counts;
  lastError: HealthLastError | null;
};

export type OperationHealthView = {
  operationId: string;
  /** "GET /students/school" when the operation is known, else undefined. */
  endpoint: string | undefined;
  counters: HealthCountersView;
  /** Upper bounds of the latency buckets (ms); Infinity for the open bucket. */
  p50: number | undefined;
  p95: number | undefined;
};

export type SourceHealthView = {
  /** First hour of the period (epoch ms) and the moment it was summed up. */
  from: number;
  to: number;
  /** One entry per hour of the period, oldest first, empty hours included. */
  hourly: ReadonlyArray<{ hour: number; ok: number; failed: number }>;
  totals: { calls: number; failed: number };
  operations: readonly OperationHealthView[];
};

/** The key counts go to once a map is full (lib/sources/health/contract-health.ts OTHER_KEY). */
export const OTHER_KEY = "(other)";
/** The last bound of the latency buckets: a p95 of Infinity is "more than this" (LATENCY_BOUNDS_MS's last). */
export const LATENCY_OPEN_FROM_MS = 100_000;

/** The `limit` largest counts, largest first (ties by key), and how many keys and counts are left. */
export function topCounts(counts: Counts, limit = 10): { top: Array<[string, number]>; restKeys: number; restCount: number } {
  const sorted = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const rest = sorted.slice(limit);
  return { top: sorted.slice(0, limit), restKeys: rest.length, restCount: rest.reduce((sum, [, n]) => sum + n, 0) };
}
