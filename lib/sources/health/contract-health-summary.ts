import { HOUR_MS, emptyCounters, hourOf, latencyPercentile, mergeCounters, type HealthCounters, type HealthDelta } from "./contract-health";
import { OPERATIONS } from "../operations";

/** What the Sources page and the contract report show of one Source: hours of the period, and per operation. */
export type OperationSummary = {
  operationId: string;
  /** "GET /students/school" when the operation is known here, else undefined. */
  endpoint: string | undefined;
  counters: HealthCounters;
  /** Upper bounds of the latency buckets (ms); Infinity for the open bucket. */
  p50: number | undefined;
  p95: number | undefined;
};

export type SourceSummary = {
  sourceId: string;
  /** First hour of the period (epoch ms) and the moment it was summed up. */
  from: number;
  to: number;
  /** One entry per hour of the period, oldest first, empty hours included. */
  hourly: Array<{ hour: number; ok: number; failed: number }>;
  totals: { calls: number; failed: number };
  operations: OperationSummary[];
};

export const PERIOD_HOURS = 7 * 24;

const ORDER = Object.keys(OPERATIONS);

function endpointOf(operationId: string): string | undefined {
  const op = (OPERATIONS as Record<string, { method: string; path: string } | undefined>)[operationId];
  return op ? `${op.method} ${op.path}` : undefined;
}

/** The first hour of the period that ends with the hour of `now`. */
export function periodStart(now: number): number {
  return hourOf(now) - (PERIOD_HOURS - 1) * HOUR_MS;
}

/** Sums a Source's hourly rows over the last PERIOD_HOURS hours (the current one included). */
export function summarizeSource(rows: readonly HealthDelta[], sourceId: string, now: number): SourceSummary {
  const from = periodStart(now);
  const hourly = Array.from({ length: PERIOD_HOURS }, (_, i) => ({ hour: from + i * HOUR_MS, ok: 0, failed: 0 }));
  const byOperation = new Map<string, HealthCounters>();
  for (const row of rows) {
    if (row.sourceId !== sourceId || row.hour < from || row.hour > now) continue;
    const slot = hourly[Math.floor((row.hour - from) / HOUR_MS)]!;
    slot.ok += row.calls - row.failed;
    slot.failed += row.failed;
    const counters = byOperation.get(row.operationId) ?? emptyCounters();
    byOperation.set(row.operationId, mergeCounters(counters, row));
  }
  const rank = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);
  const operations = [...byOperation.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([operationId, counters]) => ({
      operationId,
      endpoint: endpointOf(operationId),
      counters,
      p50: latencyPercentile(counters.latency, 0.5),
      p95: latencyPercentile(counters.latency, 0.95),
    }));
  const totals = operations.reduce((t, o) => ({ calls: t.calls + o.counters.calls, failed: t.failed + o.counters.failed }), {
    calls: 0,
    failed: 0,
  });
  return { sourceId, from, to: now, hourly, totals, operations };
}
