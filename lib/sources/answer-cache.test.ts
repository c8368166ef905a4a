import { describe, expect, it } from "vitest";
import { AnswerCache, announceAllConsentChanged, announceConsentChange } from "./answer-cache";

const make = (over: Partial<ConstructorParameters<typeof AnswerCache>[0]> = {}) => {
  let clock = 0;
  const cache = new AnswerCache<string>({ maxEntries: 3, maxBytes: 100, ttlMs: 60_000, now: () => clock, ...over });
  return { cache, tick: (ms: number) => (clock += ms) };
};

describe("AnswerCache", () => {
  it("answers from the cache within its lifetime, with the data's age", async () => {
    const { cache, tick } = make();
    let loads = 0;
    const load = async () => ({ value: `v${++loads}`, bytes: 10 });
    await cache.get("k", load);
    tick(5_000);
    expect(await cache.get("k", load)).toEqual({ value: "v1", ageMs: 5_000, fromCache: true });
    tick(60_000);
    expect(await cache.get("k", load)).toMatchObject({ value: "v2", fromCache: false });
  });

  it("fetches again on an explicit refresh", async () => {
    const { cache } = make();
    let loads = 0;
    const load = async () => ({ value: `v${++loads}`, bytes: 10 });
    await cache.get("k", load);
    expect(await cache.get("k", load, { refresh: true })).toMatchObject({ value: "v2", fromCache: false });
  });

  it("lets concurrent requests for one key share one load", async () => {
    const { cache } = make();
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const load = async () => {
      loads++;
      await gate;
      return { value: "v", bytes: 10 };
    };
    const all = Promise.all(Array.from({ length: 20 }, () => cache.get("k", load)));
    release();
    expect((await all).every((r) => r.value === "v")).toBe(true);
    expect(loads).toBe(1);
  });

  it("evicts the least recently used beyond its entry bound", async () => {
    const { cache } = make();
    for (const k of ["a", "b", "c"]) await cache.get(k, async () => ({ value: k, bytes: 1 }));
    await cache.get("a", async () => ({ value: "a2", bytes: 1 })); // a is now most recent
    await cache.get("d", async () => ({ value: "d", bytes: 1 }));
    expect(await cache.get("b", async () => ({ value: "b2", bytes: 1 }))).toMatchObject({ fromCache: false });
    expect(await cache.get("a", async () => ({ value: "a3", bytes: 1 }))).toMatchObject({ value: "a", fromCache: true });
  });

  it("stays within its byte bound and keeps nothing larger than the whole budget", async () => {
    const { cache } = make({ maxEntries: 10 });
    await cache.get("a", async () => ({ value: "a", bytes: 60 }));
    await cache.get("b", async () => ({ value: "b", bytes: 60 }));
    expect(cache.stats()).toEqual({ entries: 1, bytes: 60 });
    expect(await cache.get("huge", async () => ({ value: "h", bytes: 500 }))).toMatchObject({ value: "h" });
    expect(cache.stats()).toEqual({ entries: 1, bytes: 60 });
  });

  it("keys by Source, school, query and scopes, whatever the order of the query", () => {
    const base = { sourceId: "las-a", schoolId: "po-1", operationId: "op", query: { a: 1, b: 2 }, scopes: ["x", "y"] };
    expect(AnswerCache.key(base)).toBe(AnswerCache.key({ ...base, query: { b: 2, a: 1 }, scopes: ["y", "x"] }));
    expect(AnswerCache.key(base)).not.toBe(AnswerCache.key({ ...base, schoolId: "po-2" }));
    expect(AnswerCache.key(base)).not.toBe(AnswerCache.key({ ...base, scopes: ["x"] }));
    expect(AnswerCache.key(base)).not.toBe(AnswerCache.key({ ...base, sourceId: "las-b" }));
  });

  it("encodes the query canonically: a value holding '&' and '=' is not two filters, nor is any other separator trick", () => {
    const key = (query: Record<string, unknown>) =>
      AnswerCache.key({ sourceId: "las-a", schoolId: "po-1", operationId: "op", query, scopes: ["x"] });
    // Joined as k=v with '&', both of these were "a=x&b=y".
    expect(key({ a: "x&b=y" })).not.toBe(key({ a: "x", b: "y" }));
    expect(key({ a: "x", b: "y" })).toBe(key({ b: "y", a: "x" }));
    expect(key({ "a=x&b": "y" })).not.toBe(key({ a: "x", b: "y" }));
    expect(key({ a: 'x","y' })).not.toBe(key({ a: "x", y: "" }));
    expect(key({ a: "1" })).not.toBe(key({ a: 1 }));
    expect(key({ a: undefined, b: "y" })).toBe(key({ b: "y" }));
    expect(key({ a: "x&b=y" })).toBe('["las-a","po-1"]["op",[["a","x&b=y"]],["x"]]');
  });

  it("does not keep a failed load", async () => {
    const { cache } = make();
    await expect(
      cache.get("k", async () => {
        throw new Error("down");
      }),
    ).rejects.toThrow("down");
    expect(await cache.get("k", async () => ({ value: "ok", bytes: 1 }))).toMatchObject({ value: "ok", fromCache: false });
  });

  it("forgets one Source's answers for one school when consent there changes, in every cache of the process", async () => {
    const a = make({ maxEntries: 10 }).cache;
    const b = make({ maxEntries: 10 }).cache;
    const key = (sourceId: string, schoolId: string) =>
      AnswerCache.key({ sourceId, schoolId, operationId: "get-students-for-school", query: {}, scopes: ["eduv.student.basic"] });
    const load = (v: string) => async () => ({ value: v, bytes: 1 });
    await a.get(key("las-b", "horizon"), load("a1"));
    await a.get(key("las-b", "meridiaan"), load("a2"));
    await a.get(key("lr-b", "horizon"), load("a3"));
    await b.get(key("las-b", "horizon"), load("b1"));

    announceConsentChange("las-b", "horizon");

    expect(await a.get(key("las-b", "horizon"), load("fresh"))).toMatchObject({ value: "fresh", fromCache: false });
    expect(await b.get(key("las-b", "horizon"), load("fresh"))).toMatchObject({ value: "fresh", fromCache: false });
    expect(await a.get(key("las-b", "meridiaan"), load("x"))).toMatchObject({ value: "a2", fromCache: true });
    expect(await a.get(key("lr-b", "horizon"), load("x"))).toMatchObject({ value: "a3", fromCache: true });
    expect(a.stats()).toEqual({ entries: 3, bytes: 3 });
  });

  it("a school id that begins like another's is not emptied with it", async () => {
    const { cache } = make({ maxEntries: 10 });
    const key = (schoolId: string) => AnswerCache.key({ sourceId: "las-b", schoolId, operationId: "op", query: {}, scopes: [] });
    await cache.get(key("horizon-2"), async () => ({ value: "other", bytes: 1 }));
    announceConsentChange("las-b", "horizon");
    expect(await cache.get(key("horizon-2"), async () => ({ value: "x", bytes: 1 }))).toMatchObject({ value: "other", fromCache: true });
  });

  it("an answer whose load began before a consent change is served to its callers but not kept, and nobody joins it after the change", async () => {
    const { cache } = make({ maxEntries: 10 });
    const key = AnswerCache.key({ sourceId: "las-b", schoolId: "horizon", operationId: "op", query: {}, scopes: [] });
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const early = cache.get(key, async () => {
      await gate;
      return { value: "before", bytes: 1 };
    });
    announceConsentChange("las-b", "horizon");
    const late = cache.get(key, async () => ({ value: "after", bytes: 1 }));
    release();
    expect(await early).toMatchObject({ value: "before", fromCache: false });
    expect(await late).toMatchObject({ value: "after", fromCache: false });
    expect(await cache.get(key, async () => ({ value: "again", bytes: 1 }))).toMatchObject({ value: "after", fromCache: true });
  });

  it("forgets everything when changes may have been missed (the link to the other instances was down)", async () => {
    const { cache } = make({ maxEntries: 10 });
    for (const school of ["a", "b"])
      await cache.get(AnswerCache.key({ sourceId: "s", schoolId: school, operationId: "op", query: {}, scopes: [] }), async () => ({
        value: school,
        bytes: 1,
      }));
    announceAllConsentChanged();
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0 });
  });
});
