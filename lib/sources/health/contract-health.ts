import "server-only";
import type { CallEvent, CallObserver } from "../transport/call-events";
import { formatStatusCode } from "../errors";

/**
 * Contract health: how each Source's answers measure up to the Edu-V contract, per
 * (Source, operation, hour). Only Source ids, operation ids, counts, field paths, HTTP statuses,
 * Edu-V codes, error kinds and latencies are kept: a CallEvent carries no value, and nothing here
 * reads its `bytes` or the report's sample positions.
 */

export const HOUR_MS = 3_600_000;
export const RETENTION_MS = 7 * 24 * HOUR_MS;

/** Counts by a key (an HTTP status, a code, a field path, a latency bucket). */
export type Counts = Record<string, number>;

export type LastError = { kind: string; httpStatus: number | null; code: string | null; at: number };

export type HealthCounters = {
  /** Attempts (a retried call counts once per attempt: each is a separate answer of the Source). */
  calls: number;
  failed: number;
  /** By HTTP status ("200", "403"), or by error kind when the operation got no answer ("timeout", "token_refused"). */
  answers: Counts;
  /** Edu-V functional codes of error answers, zero-padded ("0022"). */
  codes: Counts;
  received: number;
  kept: number;
  leftOut: number;
  leftOutPaths: Counts;
  normalizedPaths: Counts;
  /** Items of kept records left out on their own (one unreadable entitlement), by field path. */
  leftOutItems: Counts;
  unknownEnums: Counts;
  /** Attempts per latency bucket, keyed by the bucket's upper bound in ms ("200", or "inf"). */
  latency: Counts;
  lastError: LastError | null;
};

export type HealthKey = { sourceId: string; operationId: string; /** Start of the hour, epoch ms (UTC). */ hour: number };
export type HealthDelta = HealthKey & HealthCounters;

/**
 * Upper bounds of the latency buckets in ms: 1, 1.5, 2, 3, 5, 7 per decade (each about 1.4× the
 * last) up to 100 s, then one open bucket. Fixed and keyed by bound, so hours, instances and even
 * a later change of bounds add up by plain key-wise sums.
 */
export const LATENCY_BOUNDS_MS: readonly number[] = [1, 10, 100, 1_000, 10_000]
  .flatMap((d) => [1, 1.5, 2, 3, 5, 7].map((m) => m * d))
  .concat(100_000);
export const OVERFLOW_BUCKET = "inf";

/** A Source that sends endlessly different field paths must not grow our counters without bound. */
export const MAX_KEYS = 200;
/** Where counts go once a map has MAX_KEYS keys. */
export const OTHER_KEY = "(other)";

export function latencyBucket(ms: number): string {
  let lo = 0;
  let hi = LATENCY_BOUNDS_MS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms <= LATENCY_BOUNDS_MS[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo < LATENCY_BOUNDS_MS.length ? String(LATENCY_BOUNDS_MS[lo]) : OVERFLOW_BUCKET;
}

export function hourOf(at: number): number {
  return at - (((at % HOUR_MS) + HOUR_MS) % HOUR_MS);
}

export function emptyCounters(): HealthCounters {
  return {
    calls: 0,
    failed: 0,
    answers: {},
    codes: {},
    received: 0,
    kept: 0,
    leftOut: 0,
    leftOutPaths: {},
    normalizedPaths: {},
    leftOutItems: {},
    unknownEnums: {},
    latency: {},
    lastError: null,
  };
}

function bump(counts: Counts, key: string, n = 1): void {
  if (n === 0) return;
  if (Object.hasOwn(counts, key)) counts[key]! += n;
  // "__proto__" would set the object's prototype instead of a key.
  else if (Object.keys(counts).length < MAX_KEYS && key !== "__proto__") counts[key] = n;
  else counts[OTHER_KEY] = (counts[OTHER_KEY] ?? 0) + n;
}

function addCounts(into: Counts, from: Readonly<Counts> | undefined): void {
  if (!from) return;
  for (const key of Object.keys(from)) bump(into, key, from[key]!);
}

function later(a: LastError | null, b: LastError | null): LastError | null {
  if (!a) return b;
  if (!b) return a;
  return b.at >= a.at ? b : a;
}

/** Adds one attempt's outcome to the counters: plain increments, no allocation beyond new keys. */
export function addEvent(c: HealthCounters, e: CallEvent): void {
  c.calls++;
  const failed = e.errorKind !== undefined;
  if (failed) c.failed++;
  // A refused or failed token's HTTP status is the authorization server's, not the operation's answer.
  const byStatus = e.httpStatus !== undefined && e.errorKind !== "token_refused" && e.errorKind !== "token_unavailable";
  bump(c.answers, byStatus ? String(e.httpStatus) : String(e.errorKind ?? "unknown"));
  if (e.statusCode !== undefined) bump(c.codes, formatStatusCode(e.statusCode)!);
  bump(c.latency, latencyBucket(e.latencyMs));
  const r = e.report;
  if (r) {
    c.received += r.received;
    c.kept += r.kept;
    c.leftOut += r.invalid.count;
    addCounts(c.leftOutPaths, r.invalid.paths);
    addCounts(c.normalizedPaths, r.normalized);
    addCounts(c.leftOutItems, r.leftOutItems);
    addCounts(c.unknownEnums, r.unknownEnumValues);
  }
  if (failed) {
    c.lastError = later(c.lastError, {
      kind: String(e.errorKind),
      httpStatus: e.httpStatus ?? null,
      code: formatStatusCode(e.statusCode) ?? null,
      at: e.at,
    });
  }
}

/** Adds `from` into `into` (the same sums the store makes in SQL). */
export function mergeCounters(into: HealthCounters, from: HealthCounters): HealthCounters {
  into.calls += from.calls;
  into.failed += from.failed;
  addCounts(into.answers, from.answers);
  addCounts(into.codes, from.codes);
  into.received += from.received;
  into.kept += from.kept;
  into.leftOut += from.leftOut;
  addCounts(into.leftOutPaths, from.leftOutPaths);
  addCounts(into.normalizedPaths, from.normalizedPaths);
  addCounts(into.leftOutItems, from.leftOutItems);
  addCounts(into.unknownEnums, from.unknownEnums);
  addCounts(into.latency, from.latency);
  into.lastError = later(into.lastError, from.lastError);
  return into;
}

/** The upper bound (ms) of the bucket holding the p-th fraction of attempts; Infinity for the open bucket; undefined without attempts. */
export function latencyPercentile(latency: Readonly<Counts>, p: number): number | undefined {
  const buckets = Object.entries(latency)
    .map(([bound, n]) => [bound === OVERFLOW_BUCKET ? Infinity : Number(bound), n] as const)
    .filter(([bound, n]) => !Number.isNaN(bound) && n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (!total) return undefined;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [bound, n] of buckets) {
    seen += n;
    if (seen >= rank) return bound;
  }
  return buckets[buckets.length - 1]![0];
}

/** The `limit` largest counts (ties by key), and what the rest add up to. */
export function topCounts(counts: Readonly<Counts>, limit = 10): { top: Array<[string, number]>; restKeys: number; restCount: number } {
  const sorted = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const rest = sorted.slice(limit);
  return { top: sorted.slice(0, limit), restKeys: rest.length, restCount: rest.reduce((sum, [, n]) => sum + n, 0) };
}

const keyOf = (sourceId: string, operationId: string, hour: number) => `${sourceId}\u0000${operationId}\u0000${hour}`;

/**
 * The in-memory side: a CallObserver that adds each attempt to its (Source, operation, hour)
 * counters until a flusher takes them to the store.
 */
export class ContractHealthRecorder {
  private pending = new Map<string, HealthDelta>();

  /** For EduvClientOptions.observer: never throws into the call it observes. */
  readonly observe: CallObserver = (event) => {
    try {
      addEvent(this.slot(event.sourceId, event.operationId, hourOf(event.at)), event);
    } catch {
      // A malformed event is not worth a failed call to a Source.
    }
  };

  private slot(sourceId: string, operationId: string, hour: number): HealthDelta {
    const key = keyOf(sourceId, operationId, hour);
    let delta = this.pending.get(key);
    if (!delta) {
      delta = { sourceId, operationId, hour, ...emptyCounters() };
      this.pending.set(key, delta);
    }
    return delta;
  }

  /** Hands over everything counted so far and starts afresh; sorted, so concurrent flushers lock rows in one order. */
  take(): HealthDelta[] {
    const taken = [...this.pending.values()];
    this.pending = new Map();
    return taken.sort((a, b) => a.sourceId.localeCompare(b.sourceId) || a.operationId.localeCompare(b.operationId) || a.hour - b.hour);
  }

  /** Takes back what a failed flush could not store, except hours already past retention. */
  giveBack(deltas: readonly HealthDelta[], now = Date.now()): void {
    for (const d of deltas) {
      if (d.hour < now - RETENTION_MS) continue;
      mergeCounters(this.slot(d.sourceId, d.operationId, d.hour), d);
    }
  }

  /** Counters not yet flushed, as copies. */
  peek(): HealthDelta[] {
    return [...this.pending.values()].map((d) => structuredClone(d));
  }
}
