import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "./client";
import { releaseSlot, renewSlots, takeSlot, takeSlots, ensureSlots, type TakeSlot } from "./source-slots";
import { freshStoreEnv } from "./testing/fresh-store";

const pgUrl = process.env.TEST_DATABASE_URL;
const backends: Array<[string, "pglite" | "postgres", boolean]> = [
  ["PGlite (embedded)", "pglite", true],
  [pgUrl ? "PostgreSQL server" : "PostgreSQL server (skipped: TEST_DATABASE_URL not set; npm test sets it)", "postgres", !!pgUrl],
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(backends)("Source call slots on %s", (_name, kind, enabled) => {
  let store: Store;
  let drop = async () => {};
  beforeAll(async () => {
    if (!enabled) return;
    const fresh = await freshStoreEnv(kind);
    drop = fresh.drop;
    store = await openStore(kind === "postgres" ? { databaseUrl: fresh.env.DATABASE_URL } : { pgliteDir: "memory://", databaseUrl: "" });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await drop();
  });

  let n = 0;
  /** A Source of its own per test. */
  const source = async (limit: number) => {
    const sourceId = `src-${kind}-${++n}`;
    await ensureSlots(store.db, sourceId, limit);
    const take = (holder: string, extra: Partial<TakeSlot> = {}) =>
      takeSlot(store.db, { sourceId, holder, limit, leaseSeconds: 30, waitSeconds: 30, moreWaiting: false, ...extra });
    return { sourceId, take };
  };

  it.skipIf(!enabled)("gives out exactly `limit` slots between holders, none twice, and a released one again", async () => {
    const { sourceId, take } = await source(3);
    const got = await Promise.all(["a", "b", "a", "b", "c", "a"].map((h) => take(h)));
    const granted = got.filter((s) => s !== undefined);
    expect(granted.sort()).toEqual([0, 1, 2]);
    const holderOf0 = ["a", "b", "a", "b", "c", "a"][got.indexOf(0)]!;
    await store.db.execute(sql`DELETE FROM source_slot_waiters WHERE source_id = ${sourceId}`); // the refused ones' places in line: not this test's subject
    await releaseSlot(store.db, sourceId, 0, "someone-else"); // only the holder can free it
    expect(await take("d")).toBeUndefined();
    await releaseSlot(store.db, sourceId, 0, holderOf0);
    expect(await take("d")).toBe(0);
  });

  it.skipIf(!enabled)("several at once in one statement, never more than are free", async () => {
    const { sourceId } = await source(5);
    const ask = (holder: string, count: number) =>
      takeSlots(store.db, { sourceId, holder, limit: 5, leaseSeconds: 30, waitSeconds: 30, moreWaiting: false, count });
    expect(await ask("a", 3)).toEqual([0, 1, 2]);
    expect(await ask("b", 8)).toEqual([3, 4]);
    expect(await ask("c", 1)).toEqual([]);
  });

  it.skipIf(!enabled)(
    "a holder that stops renewing (a killed process) loses its slots when the lease runs out; renewed ones stay",
    async () => {
      // Renewed every 0.4 s, a lease of 1 s has 0.6 s to spare for a late renewal on a loaded machine;
      // three renewals (1.2 s) outlast the lease that was not renewed.
      const LEASE = 1;
      const { sourceId, take } = await source(2);
      expect(await take("dead", { leaseSeconds: LEASE })).toBe(0);
      expect(await take("alive", { leaseSeconds: LEASE })).toBe(1);
      for (let i = 0; i < 3; i++) {
        await sleep(400);
        await renewSlots(store.db, "alive", [`${sourceId}:1`], LEASE);
      }
      expect(await take("other")).toBe(0); // the dead holder's lease ran out; the renewed one did not
      expect(await take("other")).toBeUndefined();
    },
  );

  it.skipIf(!enabled)("processes take turns: one that waited is served before one that just released and asks again", async () => {
    const { sourceId, take } = await source(1);
    expect(await take("busy", { moreWaiting: true })).toBe(0);
    expect(await take("patient")).toBeUndefined(); // joins the line
    await releaseSlot(store.db, sourceId, 0, "busy");
    expect(await take("busy", { moreWaiting: true })).toBeUndefined(); // someone waited longer
    expect(await take("patient")).toBe(0);
    await releaseSlot(store.db, sourceId, 0, "patient");
    expect(await take("busy", { moreWaiting: true })).toBe(0);
    const line = await store.db.execute(sql`SELECT holder FROM source_slot_waiters WHERE source_id = ${sourceId} ORDER BY since`);
    expect((line.rows as Array<{ holder: string }>).map((r) => r.holder)).toEqual(["busy"]); // served ones leave the line unless more wait
  });

  it.skipIf(!enabled)("a place in the line runs out when its holder stops asking", async () => {
    const { sourceId, take } = await source(1);
    expect(await take("busy")).toBe(0);
    expect(await take("gone", { waitSeconds: 0.2 })).toBeUndefined();
    await releaseSlot(store.db, sourceId, 0, "busy");
    await sleep(300);
    expect(await take("busy")).toBe(0);
  });
});
