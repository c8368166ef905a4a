import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, limits } from "./numbers";
import { RateLimiter } from "./token-bucket";

/** A limiter on a clock the test moves. */
function setup(maxKeys?: number) {
  const clock = { t: 1_000_000 };
  return { clock, limiter: new RateLimiter({ now: () => clock.t, maxKeys }) };
}
const RULE = { capacity: 3, perMinute: 6 }; // a token every 10 s

describe("token buckets", () => {
  it("a burst of 5 against a capacity of 3: exactly 3 served, then refused with the time until the next token", () => {
    const { limiter } = setup();
    const outcomes = Array.from({ length: 5 }, () => limiter.take({ key: "a", rule: RULE }));
    expect(outcomes).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
      { ok: false, retryAfterMs: 10_000 },
      { ok: false, retryAfterMs: 10_000 },
    ]);
  });

  it("earns tokens back evenly: one after 10 s, never more than the capacity", () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 3; i++) limiter.take({ key: "a", rule: RULE });
    clock.t += 4_000;
    expect(limiter.take({ key: "a", rule: RULE })).toEqual({ ok: false, retryAfterMs: 6_000 });
    clock.t += 6_000;
    expect(limiter.take({ key: "a", rule: RULE })).toEqual({ ok: true });
    expect(limiter.take({ key: "a", rule: RULE })).toEqual({ ok: false, retryAfterMs: 10_000 });
    clock.t += 3_600_000; // an hour idle fills the bucket to 3, not to 360
    expect(Array.from({ length: 4 }, () => limiter.take({ key: "a", rule: RULE }).ok)).toEqual([true, true, true, false]);
  });

  it("keys are apart: one user's empty bucket leaves another's full", () => {
    const { limiter } = setup();
    for (let i = 0; i < 3; i++) limiter.take({ key: "user:a:lookup", rule: RULE });
    expect(limiter.take({ key: "user:a:lookup", rule: RULE }).ok).toBe(false);
    expect(limiter.take({ key: "user:b:lookup", rule: RULE }).ok).toBe(true);
  });

  it("several buckets at once: all or none are spent, and the wait is the longest", () => {
    const { limiter } = setup();
    const slow = { capacity: 1, perMinute: 1 };
    expect(limiter.take({ key: "lookup", rule: RULE }, { key: "refresh", rule: slow })).toEqual({ ok: true });
    expect(limiter.take({ key: "lookup", rule: RULE }, { key: "refresh", rule: slow })).toEqual({ ok: false, retryAfterMs: 60_000 });
    // The refused request spent nothing: two lookups are still left.
    expect([
      limiter.take({ key: "lookup", rule: RULE }).ok,
      limiter.take({ key: "lookup", rule: RULE }).ok,
      limiter.take({ key: "lookup", rule: RULE }).ok,
    ]).toEqual([true, true, false]);
  });

  it("peek spends nothing; refund gives one back, never above the capacity", () => {
    const { limiter } = setup();
    expect(limiter.peek("a", RULE)).toEqual({ ok: true });
    for (let i = 0; i < 3; i++) limiter.take({ key: "a", rule: RULE });
    expect(limiter.peek("a", RULE)).toEqual({ ok: false, retryAfterMs: 10_000 });
    limiter.refund("a", RULE);
    expect(limiter.take({ key: "a", rule: RULE }).ok).toBe(true);
    for (let i = 0; i < 10; i++) limiter.refund("b", RULE);
    expect(Array.from({ length: 4 }, () => limiter.take({ key: "b", rule: RULE }).ok)).toEqual([true, true, true, false]);
  });

  it("keeps at most maxKeys buckets: full ones go first, then the least recently used", () => {
    const { clock, limiter } = setup(100);
    for (let i = 0; i < 100; i++) limiter.take({ key: `addr:${i}`, rule: RULE });
    clock.t += 60_000; // every bucket has earned its token back: full again
    for (let i = 0; i < 3; i++) limiter.take({ key: "busy", rule: RULE });
    expect(limiter.size).toBeLessThanOrEqual(100);
    expect(limiter.take({ key: "busy", rule: RULE }).ok).toBe(false); // the one that matters was kept
    for (let i = 0; i < 1_000; i++) limiter.take({ key: `flood:${i}`, rule: RULE });
    expect(limiter.size).toBe(100);
  });
});

describe("the limits in force", () => {
  it("are the documented defaults, and LDB_LIMITS changes only what it names", () => {
    expect(limits(undefined)).toBe(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS).toMatchObject({
      lookup: { capacity: 30, perMinute: 30 },
      refresh: { capacity: 5, perMinute: 6 },
      export: { capacity: 5, perMinute: 2 },
      coverage: { capacity: 5, perMinute: 2 },
      queuePerUser: 64,
      queueTotal: 256,
    });
    expect(limits('{"lookup":{"capacity":60,"perMinute":120},"queueTotal":512}')).toMatchObject({
      lookup: { capacity: 60, perMinute: 120 },
      refresh: { capacity: 5, perMinute: 6 },
      queueTotal: 512,
    });
    expect(() => limits('{"lookup":{"capacity":0,"perMinute":1}}')).toThrow(/LDB_LIMITS: lookup.capacity/);
    expect(() => limits('{"lookups":{}}')).toThrow(/LDB_LIMITS/);
  });
});
