import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallEvent } from "@/lib/sources/transport/call-events";
import { ContractHealthRecorder, type HealthDelta } from "@/lib/sources/health/contract-health";
import { openStore, type Store } from "./client";
import { flushContractHealth } from "@/lib/runtime/contract-health-flush";
import { addContractHealth, readContractHealth } from "./contract-health";
import { freshStoreEnv } from "./testing/fresh-store";

const pgUrl = process.env.TEST_DATABASE_URL;
const H = 3_600_000;
const DAY = 24 * H;
const NOW = Date.UTC(2026, 10, 29, 10, 30);
const HOUR = Date.UTC(2026, 10, 29, 10);

/**
 * Two store connections: on PostgreSQL two pools on one (fresh) database, as two dashboard
 * instances would have; embedded PGlite has one connection per database, so both are the same one.
 */
const backends: Array<[string, () => Promise<{ a: Store; b: Store; drop: () => Promise<void> }>, boolean]> = [
  [
    "PGlite (embedded)",
    async () => {
      const a = await openStore({ pgliteDir: "memory://", databaseUrl: "" });
      return { a, b: a, drop: async () => {} };
    },
    true,
  ],
  [
    pgUrl ? "PostgreSQL server" : "PostgreSQL server (skipped: TEST_DATABASE_URL not set; npm test sets it)",
    async () => {
      const fresh = await freshStoreEnv("postgres");
      const a = await openStore({ databaseUrl: fresh.env.DATABASE_URL });
      const b = await openStore({ databaseUrl: fresh.env.DATABASE_URL });
      return { a, b, drop: fresh.drop };
    },
    !!pgUrl,
  ],
];

const students = (over: Partial<CallEvent> = {}): CallEvent => ({
  sourceId: "las-a",
  operationId: "get-students-for-school",
  at: NOW,
  latencyMs: 40,
  httpStatus: 200,
  report: {
    received: 204,
    kept: 201,
    invalid: { count: 3, paths: { givenName: 3 }, sampleIndexes: [51, 102, 153] },
    unknownEnumValues: {},
    normalized: {},
    leftOutItems: {},
  },
  ...over,
});

function recorded(...events: CallEvent[]): ContractHealthRecorder {
  const rec = new ContractHealthRecorder();
  for (const e of events) rec.observe(e);
  return rec;
}

describe.each(backends)("contract health store on %s", (_name, open, enabled) => {
  let stores: { a: Store; b: Store; drop: () => Promise<void> };
  beforeAll(async () => {
    if (enabled) stores = await open();
  }, 60_000);
  afterAll(async () => {
    if (!stores) return;
    await stores.a.close();
    if (stores.b !== stores.a) await stores.b.close();
    await stores.drop();
  });

  it.skipIf(!enabled)(
    "adds two flushes into one row per (Source, operation, hour): counters, maps, histogram and the newer last error",
    async () => {
      const { db } = stores.a;
      await flushContractHealth(
        db,
        recorded(
          students(),
          students({ at: NOW + 60_000, latencyMs: 12, httpStatus: 403, statusCode: 22, errorKind: "consent_missing", report: undefined }),
        ),
        NOW,
      );
      await flushContractHealth(
        db,
        recorded(
          students({
            latencyMs: 180,
            report: {
              received: 10,
              kept: 9,
              invalid: { count: 1, paths: { givenName: 1, "userIds[].userId": 1 }, sampleIndexes: [4] },
              unknownEnumValues: { "address.addressType": 2 },
              normalized: { dateOfBirth: 1 },
              leftOutItems: { "entitlements[]": 2 },
            },
          }),
          // An older error arriving later does not replace the newer one.
          students({ at: NOW - 60_000, latencyMs: 5_000, httpStatus: undefined, errorKind: "timeout", report: undefined }),
        ),
        NOW,
      );
      const rows = await readContractHealth(db, { since: new Date(NOW - DAY), sourceId: "las-a" });
      expect(rows).toEqual([
        {
          sourceId: "las-a",
          operationId: "get-students-for-school",
          hour: HOUR,
          calls: 4,
          failed: 2,
          answers: { "200": 2, "403": 1, timeout: 1 },
          codes: { "0022": 1 },
          received: 214,
          kept: 210,
          leftOut: 4,
          leftOutPaths: { givenName: 4, "userIds[].userId": 1 },
          normalizedPaths: { dateOfBirth: 1 },
          leftOutItems: { "entitlements[]": 2 },
          unknownEnums: { "address.addressType": 2 },
          latency: { "50": 1, "15": 1, "200": 1, "5000": 1 },
          lastError: { kind: "consent_missing", httpStatus: 403, code: "0022", at: NOW + 60_000 },
        } satisfies HealthDelta,
      ]);
    },
  );

  it.skipIf(!enabled)(
    "loses no count when two store connections flush the same rows at the same time",
    async () => {
      const rounds = 15;
      const perRound = 20;
      const flushes: Array<Promise<unknown>> = [];
      for (let round = 0; round < rounds; round++) {
        for (const store of [stores.a, stores.b]) {
          const events = Array.from({ length: perRound }, (_, i) =>
            students({
              sourceId: "las-b",
              at: NOW + (i % 3) * H,
              httpStatus: i % 4 ? 200 : 503,
              errorKind: i % 4 ? undefined : "server_error",
            }),
          );
          flushes.push(flushContractHealth(store.db, recorded(...events), NOW));
        }
      }
      await Promise.all(flushes);
      const rows = await readContractHealth(stores.b.db, { since: new Date(NOW - DAY), sourceId: "las-b" });
      expect(rows.map((r) => r.hour)).toEqual([HOUR, HOUR + H, HOUR + 2 * H]);
      // 2 connections × 15 rounds × 20 events: 600 attempts, 7/7/6 per 20 into the three hours.
      expect(rows.map((r) => r.calls)).toEqual([210, 210, 180]);
      const sum = (f: (r: HealthDelta) => number) => rows.reduce((s, r) => s + f(r), 0);
      expect(sum((r) => r.calls)).toBe(600);
      expect(sum((r) => r.failed)).toBe(150);
      expect(sum((r) => r.answers["200"]!)).toBe(450);
      expect(sum((r) => r.answers["503"]!)).toBe(150);
      expect(sum((r) => r.leftOut)).toBe(1_800);
      expect(sum((r) => r.leftOutPaths.givenName!)).toBe(1_800);
      expect(sum((r) => r.latency["50"]!)).toBe(600);
    },
    60_000,
  );

  it.skipIf(!enabled)("deletes hours older than 7 days on flush, keeps the rest", async () => {
    const { db } = stores.a;
    await addContractHealth(
      db,
      recorded(
        students({ sourceId: "lr-a", at: NOW - 8 * DAY }),
        students({ sourceId: "lr-a", at: NOW - 7 * DAY - H }),
        students({ sourceId: "lr-a", at: NOW - 6 * DAY }),
      ).take(),
    );
    expect((await readContractHealth(db, { since: new Date(0), sourceId: "lr-a" })).map((r) => (NOW - r.hour) / H)).toEqual([
      8 * 24 + 0.5,
      7 * 24 + 1.5,
      6 * 24 + 0.5,
    ]);
    const { pruned } = await flushContractHealth(db, new ContractHealthRecorder(), NOW);
    expect(pruned).toBe(2);
    expect((await readContractHealth(db, { since: new Date(0), sourceId: "lr-a" })).map((r) => (NOW - r.hour) / H)).toEqual([6 * 24 + 0.5]);
  });

  it.skipIf(!enabled)("gives the counts back to the recorder when the store fails", async () => {
    const rec = recorded(students({ sourceId: "am" }));
    const broken = { transaction: () => Promise.reject(new Error("connection lost")) } as unknown as Store["db"];
    await expect(flushContractHealth(broken, rec, NOW)).rejects.toThrow("connection lost");
    await flushContractHealth(stores.a.db, rec, NOW);
    expect((await readContractHealth(stores.a.db, { since: new Date(NOW - DAY), sourceId: "am" })).map((r) => r.calls)).toEqual([1]);
  });
});
