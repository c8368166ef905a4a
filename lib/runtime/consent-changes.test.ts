import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "@/lib/db/client";
import { freshStoreEnv } from "@/lib/db/testing/fresh-store";
import { AnswerCache } from "@/lib/sources/answer-cache";
import { CONSENT_CHANNEL, publishConsentChange, startConsentChangeListener, type ConsentChangeListener } from "./consent-changes";

const pgUrl = process.env.TEST_DATABASE_URL;
const key = (sourceId: string, schoolId: string) =>
  AnswerCache.key({ sourceId, schoolId, operationId: "get-students-for-school", query: {}, scopes: ["eduv.student.basic"] });
const cached = async (cache: AnswerCache<string>, k: string) => (await cache.get(k, async () => ({ value: "fresh", bytes: 1 }))).fromCache;

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("consent changes on PGlite: this process only", () => {
  it("publishing empties this process's caches of that Source and school, and NOTIFY on PGlite is harmless", async () => {
    const store = await openStore({ pgliteDir: "memory://", databaseUrl: "" });
    const cache = new AnswerCache<string>({ maxEntries: 10, maxBytes: 100, ttlMs: 60_000 });
    await cache.get(key("las-a", "obs"), async () => ({ value: "v", bytes: 1 }));
    await cache.get(key("las-a", "other"), async () => ({ value: "v", bytes: 1 }));
    await publishConsentChange(store.db, "las-a", "obs");
    expect(await cached(cache, key("las-a", "obs"))).toBe(false);
    expect(await cached(cache, key("las-a", "other"))).toBe(true);
    await store.close();
  });
});

describe.skipIf(!pgUrl)("consent changes through PostgreSQL LISTEN/NOTIFY", () => {
  let url: string;
  let drop: () => Promise<void>;
  let store: Store;
  let listener: ConsentChangeListener;
  let other: Client;
  const cache = new AnswerCache<string>({ maxEntries: 10, maxBytes: 100, ttlMs: 60_000 });

  beforeAll(async () => {
    const fresh = await freshStoreEnv("postgres");
    url = fresh.env.DATABASE_URL;
    drop = fresh.drop;
    store = await openStore({ databaseUrl: url });
    listener = startConsentChangeListener({ databaseUrl: url, retryMs: 50, maxRetryMs: 200 });
    await until("listening", () => listener.connections() === 1);
    // Another instance's connection: what it NOTIFYs reaches this process only through the listener.
    other = new Client({ connectionString: url });
    await other.connect();
  }, 60_000);
  afterAll(async () => {
    await listener?.stop();
    await other?.end();
    await store?.close();
    await drop?.();
  });

  it("another instance's NOTIFY empties this process's answers of that Source and school only", async () => {
    await cache.get(key("las-b", "horizon"), async () => ({ value: "v", bytes: 1 }));
    await cache.get(key("las-b", "meridiaan"), async () => ({ value: "v", bytes: 1 }));
    const sent = performance.now();
    await other.query("SELECT pg_notify($1, $2)", [CONSENT_CHANNEL, JSON.stringify({ sourceId: "las-b", schoolId: "horizon" })]);
    await until("the entry is gone", () => cache.stats().entries === 1);
    console.log(`[listener] NOTIFY → cache emptied in ${(performance.now() - sent).toFixed(1)} ms`);
    expect(await cached(cache, key("las-b", "meridiaan"))).toBe(true);
    expect(await cached(cache, key("las-b", "horizon"))).toBe(false);
  });

  it("a payload that is not a change is ignored", async () => {
    const before = cache.stats().entries;
    await other.query("SELECT pg_notify($1, $2)", [CONSENT_CHANNEL, "not json"]);
    await other.query("SELECT pg_notify($1, $2)", [CONSENT_CHANNEL, JSON.stringify({ sourceId: 1 })]);
    await new Promise((r) => setTimeout(r, 200));
    expect(cache.stats().entries).toBe(before);
  });

  it("a dropped connection is made again; whatever was cached is forgotten then (changes may have gone unheard); later changes are heard", async () => {
    await cache.get(key("lr-a", "horizon"), async () => ({ value: "v", bytes: 1 }));
    expect(cache.stats().entries).toBeGreaterThan(0);
    const killed = await other.query(
      "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'ldb-consent-listener' AND datname = current_database()",
    );
    expect(killed.rows).toEqual([{ ok: true }]);
    await until("listening again", () => listener.connections() === 2);
    expect(cache.stats().entries).toBe(0);
    await cache.get(key("lr-a", "horizon"), async () => ({ value: "v", bytes: 1 }));
    await publishConsentChange(store.db, "lr-b", "horizon");
    await other.query("SELECT pg_notify($1, $2)", [CONSENT_CHANNEL, JSON.stringify({ sourceId: "lr-a", schoolId: "horizon" })]);
    await until("the entry is gone", () => cache.stats().entries === 0);
  });
});
