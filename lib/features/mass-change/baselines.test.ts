import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openStore, type Store } from "@/lib/db/client";
import { massChangeBaselines } from "@/lib/db/schema";
import { freshStoreEnv } from "@/lib/db/testing/fresh-store";
import { acceptPending, readBaseline, readBaselines, recordGood, recordLoss } from "./baselines";

const pgUrl = process.env.TEST_DATABASE_URL;
const backends: Array<[string, "pglite" | "postgres", boolean]> = [
  ["PGlite (on disk)", "pglite", true],
  [pgUrl ? "PostgreSQL server" : "PostgreSQL server (skipped: TEST_DATABASE_URL not set; npm test sets it)", "postgres", !!pgUrl],
];
const T0 = new Date("2026-08-24T07:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/**
 * The mass-change guard's counts in the store (table mass_change_baselines), on embedded PGlite (in a
 * folder, so a restart can be tried) and on a PostgreSQL server: a baseline per school and list, a
 * loss that waits (first seen kept), an acceptance that moves the baseline only when the count seen
 * is still the one waiting, and all of it still there after the store is closed and opened again.
 */
describe.each(backends)("mass-change baselines on %s", (_name, kind, enabled) => {
  let store: Store;
  let drop = async () => {};
  let open: () => Promise<Store>;
  beforeAll(async () => {
    if (!enabled) return;
    const fresh = await freshStoreEnv(kind);
    drop = fresh.drop;
    open = () =>
      openStore(kind === "pglite" ? { pgliteDir: fresh.env.PGLITE_DIR, databaseUrl: "" } : { databaseUrl: fresh.env.DATABASE_URL });
    store = await open();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await drop();
  });

  it.skipIf(!enabled)("keeps one baseline per school and list; a good answer moves it", async () => {
    expect(await readBaseline(store.db, "s1", "students")).toBeUndefined();
    await recordGood(store.db, "s1", "students", 204, T0);
    await recordGood(store.db, "s1", "enrollments", 258, T0);
    await recordGood(store.db, "s2", "students", 900, T0);
    await recordGood(store.db, "s1", "students", 210, later(5));
    expect(await readBaseline(store.db, "s1", "students")).toEqual({
      schoolId: "s1",
      list: "students",
      baselineCount: 210,
      baselineAt: later(5),
      pendingSince: null,
      pendingCount: null,
      pendingAt: null,
    });
    expect((await readBaselines(store.db, "s1")).map((r) => [r.list, r.baselineCount]).sort()).toEqual([
      ["enrollments", 258],
      ["students", 210],
    ]);
  });

  it.skipIf(!enabled)(
    "a loss waits: first seen kept over later losing answers, the latest count and time recorded, the baseline unmoved",
    async () => {
      expect(await recordLoss(store.db, "s1", "students", 100, later(10))).toMatchObject({
        baselineCount: 210,
        pendingSince: later(10),
        pendingCount: 100,
        pendingAt: later(10),
      });
      expect(await recordLoss(store.db, "s1", "students", 90, later(20))).toMatchObject({
        baselineCount: 210,
        pendingSince: later(10),
        pendingCount: 90,
        pendingAt: later(20),
      });
      expect(await recordLoss(store.db, "s9", "students", 1, later(20))).toBeUndefined(); // no baseline, nothing to lose against
    },
  );

  it.skipIf(!enabled)("survives a restart: the store closed and opened again still has the baseline and the wait", async () => {
    await store.close();
    store = await open();
    expect(await readBaseline(store.db, "s1", "students")).toMatchObject({ baselineCount: 210, pendingSince: later(10), pendingCount: 90 });
  });

  it.skipIf(!enabled)(
    "accepting moves the waiting count into the baseline, only when it is the count expected, and only once",
    async () => {
      expect(await acceptPending(store.db, "s1", "students", later(30), 100)).toBeUndefined(); // the administrator saw 100; 90 waits now
      expect(await acceptPending(store.db, "s1", "students", later(30), 90)).toMatchObject({
        baselineCount: 90,
        baselineAt: later(30),
        pendingSince: null,
        pendingCount: null,
        pendingAt: null,
      });
      expect(await acceptPending(store.db, "s1", "students", later(31))).toBeUndefined(); // nothing waits any more
      expect(await acceptPending(store.db, "s1", "enrollments", later(31))).toBeUndefined(); // nothing ever waited
    },
  );

  it.skipIf(!enabled)("holds only the two lists, and a wait whole or not at all", async () => {
    const insert = (values: string) => store.db.execute(sql.raw(`INSERT INTO mass_change_baselines ${values}`));
    await expect(insert(`(school_id, list, baseline_count, baseline_at) VALUES ('s1', 'assignments', 1, now())`)).rejects.toThrow();
    await expect(
      insert(`(school_id, list, baseline_count, baseline_at, pending_count) VALUES ('s3', 'students', 1, now(), 1)`),
    ).rejects.toThrow();
    expect((await store.db.select().from(massChangeBaselines)).map((r) => r.schoolId).sort()).toEqual(["s1", "s1", "s2"]);
  });
});
