/**
 * Token buckets by key: each key may spend `capacity` at once and earns `perMinute` back, evenly
 * over the minute. A bucket is chosen over a fixed window because it has no edge at which a
 * client can spend two windows' worth in a moment, and over a sliding log because it keeps two
 * numbers per key instead of a timestamp per request.
 *
 * Counters live in this process (see docs/operations.md, "Limits"). The map is bounded: a full bucket
 * means the same as no bucket, so those are dropped first when there are too many keys.
 */
export type Rule = { capacity: number; perMinute: number };
export type Take = { ok: true } | { ok: false; retryAfterMs: number };

type Bucket = { tokens: number; at: number; rule: Rule };

/** Keys a limiter holds at most, unless told otherwise. */
export const MAX_BUCKETS = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  /** The limiter's clock (tests give it their own): refusals say when, on this clock. */
  readonly now: () => number;
  private readonly maxKeys: number;

  constructor(opts: { now?: () => number; maxKeys?: number } = {}) {
    this.now = opts.now ?? Date.now;
    this.maxKeys = opts.maxKeys ?? MAX_BUCKETS;
  }

  /**
   * Takes one token from every bucket named, or from none of them when one is empty (then says
   * how long until all of them hold a token again). Synchronous, so no other request can come
   * between the look and the take.
   */
  take(...wanted: Array<{ key: string; rule: Rule }>): Take {
    const now = this.now();
    const current = wanted.map(({ key, rule }) => ({ key, rule, tokens: this.tokensOf(key, rule, now) }));
    const waitMs = Math.max(0, ...current.map(({ rule, tokens }) => (tokens >= 1 ? 0 : ((1 - tokens) * 60_000) / rule.perMinute)));
    if (waitMs > 0) return { ok: false, retryAfterMs: Math.ceil(waitMs) };
    for (const { key, rule, tokens } of current) this.set(key, { tokens: tokens - 1, at: now, rule });
    return { ok: true };
  }

  /** Whether a token could be taken now, without taking it. */
  peek(key: string, rule: Rule): Take {
    const tokens = this.tokensOf(key, rule, this.now());
    return tokens >= 1 ? { ok: true } : { ok: false, retryAfterMs: Math.ceil(((1 - tokens) * 60_000) / rule.perMinute) };
  }

  /** Gives a token back (a request that turned out not to count), never above the capacity. */
  refund(key: string, rule: Rule): void {
    const now = this.now();
    this.set(key, { tokens: Math.min(rule.capacity, this.tokensOf(key, rule, now) + 1), at: now, rule });
  }

  get size(): number {
    return this.buckets.size;
  }

  private tokensOf(key: string, rule: Rule, now: number): number {
    const b = this.buckets.get(key);
    if (!b) return rule.capacity;
    return Math.min(rule.capacity, b.tokens + (Math.max(0, now - b.at) * rule.perMinute) / 60_000);
  }

  private set(key: string, bucket: Bucket): void {
    // Re-inserted so the map's order is the order of last use: the oldest keys are looked at first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size <= this.maxKeys) return;
    const now = bucket.at;
    for (const [k, b] of this.buckets) {
      if (this.buckets.size <= this.maxKeys * 0.9) break;
      if (k !== key && this.tokensOf(k, b.rule, now) >= b.rule.capacity) this.buckets.delete(k);
    }
    // Still too many (a flood of new keys): the least recently used go, and start full if they come back.
    for (const k of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      if (k !== key) this.buckets.delete(k);
    }
  }
}
