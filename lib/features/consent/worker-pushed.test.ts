import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openStore, type Store } from "@/lib/db/client";
import { parseSourcesConfig, type SourcesConfig } from "@/lib/sources/config";
import { EduvClient } from "@/lib/sources/transport/client";
import type { SigningKey } from "@/lib/sources/transport/signing-key";
import { fakeFetch, json, testConfig, testSigningKey } from "@/lib/sources/testing/fixtures";
import { TokenProvider } from "@/lib/sources/transport/token";
import { startConsentWorker, type ConsentWorker } from "./worker";

/**
 * Providers that push what became of consent (`consent.notifies`) are polled in the worker's first
 * status round and then only every pushedCheckIntervalMs, as a safety net; the others every
 * status interval. Only Date is faked: the worker reads the time with Date.now, and the store and
 * the fake Provider keep their real timers.
 */

const T0 = Date.parse("2026-12-01T09:00:00Z");

let key: SigningKey;
let store: Store;
beforeAll(async () => {
  key = await testSigningKey();
  store = await openStore({ pgliteDir: "memory://", databaseUrl: "" });
}, 60_000);
afterAll(async () => store?.close());

/** "las" polled as usual; "push", a copy of it at another address, pushes its changes to us. */
function configWithPusher(): SourcesConfig {
  const base = testConfig();
  const las = base.sources.find((s) => s.id === "las")!;
  return parseSourcesConfig({
    ...base,
    sources: [
      las,
      {
        ...las,
        id: "push",
        name: "Pushing Provider",
        baseUrl: "http://localhost:9/push/v1",
        tokenEndpoint: "http://localhost:9/push/oauth2/token",
        consent: { delivery: "put", jwksUri: "http://localhost:9/push/jwks.json", notifies: true },
      },
    ],
  });
}

function providers() {
  const token = () => json({ access_token: "t", token_type: "Bearer", expires_in: 300, scope: "eduv.consent" });
  const fake = fakeFetch({
    "POST /las/oauth2/token": token,
    "POST /push/oauth2/token": token,
    "GET /las/v1/consent/statuses": () => json([]),
    "GET /push/v1/consent/statuses": () => json([]),
  });
  const config = configWithPusher();
  const tokens = new TokenProvider({ signingKey: async () => key, fetch: fake.fetch });
  const client = new EduvClient({ config, tokens, fetch: fake.fetch, maxAttempts: 1, breakerThreshold: 10_000 });
  /** GET /consent/statuses calls so far, per Provider. */
  const polled = () => ({
    las: fake.calls.filter((c) => c.method === "GET" && new URL(c.url).pathname === "/las/v1/consent/statuses").length,
    push: fake.calls.filter((c) => c.method === "GET" && new URL(c.url).pathname === "/push/v1/consent/statuses").length,
  });
  return { client, polled };
}

describe("the consent worker and Providers that push their statuses", () => {
  let worker: ConsentWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    vi.useRealTimers();
  });

  /** One round of the worker at T0 + `ms`: how many Providers its status poll asked (undefined: no poll was due). */
  const roundAt = async (ms: number) => {
    vi.setSystemTime(T0 + ms);
    return (await worker!.runOnce()).statuses?.providers;
  };

  it("the pushing Provider is polled in the first round, then only once pushedCheckIntervalMs has passed; the other every status interval", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const p = providers();
    // The worker's own schedule (an hour) never fires here: every round is one the test runs.
    worker = startConsentWorker(store.db, p.client, { intervalMs: 3_600_000, statusIntervalMs: 10_000, pushedCheckIntervalMs: 45_000 });

    expect(await roundAt(0)).toBe(2);
    expect(p.polled()).toEqual({ las: 1, push: 1 });
    // Within the status interval: nobody is asked.
    expect(await roundAt(9_999)).toBeUndefined();
    expect(p.polled()).toEqual({ las: 1, push: 1 });
    expect(await roundAt(10_000)).toBe(1);
    expect(p.polled()).toEqual({ las: 2, push: 1 });
    expect(await roundAt(20_000)).toBe(1);
    // One millisecond short of the check's interval.
    expect(await roundAt(44_999)).toBe(1);
    expect(p.polled()).toEqual({ las: 4, push: 1 });
    expect(await roundAt(55_000)).toBe(2);
    expect(p.polled()).toEqual({ las: 5, push: 2 });
    // The next check counts from this one.
    expect(await roundAt(65_000)).toBe(1);
    expect(await roundAt(99_999)).toBe(1);
    expect(p.polled()).toEqual({ las: 7, push: 2 });
    expect(await roundAt(110_000)).toBe(2);
    expect(p.polled()).toEqual({ las: 8, push: 3 });
  });

  it("without pushedCheckIntervalMs the pushing Provider is checked every 10 minutes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const p = providers();
    worker = startConsentWorker(store.db, p.client, { intervalMs: 3_600_000, statusIntervalMs: 60_000 });

    expect(await roundAt(0)).toBe(2);
    expect(await roundAt(300_000)).toBe(1);
    expect(await roundAt(599_999)).toBe(1);
    expect(p.polled()).toEqual({ las: 3, push: 1 });
    expect(await roundAt(660_000)).toBe(2);
    expect(p.polled()).toEqual({ las: 4, push: 2 });
  });
});
