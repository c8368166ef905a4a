import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimAssertionJti } from "./assertion-jtis";
import { openStore, type Store } from "./client";
import { clientAssertionJtis } from "./schema";
import { freshStoreEnv } from "./testing/fresh-store";

const pgUrl = process.env.TEST_DATABASE_URL;
const backends: Array<[string, "pglite" | "postgres", boolean]> = [
  ["PGlite (embedded)", "pglite", true],
  [pgUrl ? "PostgreSQL server" : "PostgreSQL server (skipped: TEST_DATABASE_URL not set)", "postgres", !!pgUrl],
];
const T0 = new Date("2026-11-30T10:00:00Z");
const later = (s: number) => new Date(T0.getTime() + s * 1000);

describe.each(backends)("assertion ids on %s", (_name, kind, enabled) => {
  let a: Store;
  let b: Store;
  let drop = async () => {};
  let open: () => Promise<Store>;
  beforeAll(async () => {
    if (!enabled) return;
    const fresh = await freshStoreEnv(kind);
    drop = fresh.drop;
    open = () =>
      openStore(kind === "pglite" ? { pgliteDir: fresh.env.PGLITE_DIR, databaseUrl: "" } : { databaseUrl: fresh.env.DATABASE_URL });
    a = await open();
    // A second connection to the same database, as another dashboard instance has. Embedded PGlite
    // is one process's own database: there the second "instance" is the same handle.
    b = kind === "postgres" ? await open() : a;
  }, 60_000);
  afterAll(async () => {
    if (b && b !== a) await b.close();
    await a?.close();
    await drop();
  });

  it.skipIf(!enabled)("accepts an id once per client; the same id of another client is its own", async () => {
    expect(await claimAssertionJti(a.db, "lr-b", "j-1", later(60), T0)).toBe(true);
    expect(await claimAssertionJti(a.db, "lr-b", "j-1", later(60), later(1))).toBe(false);
    expect(await claimAssertionJti(b.db, "lr-b", "j-1", later(60), later(2))).toBe(false);
    expect(await claimAssertionJti(a.db, "lr-a", "j-1", later(60), later(3))).toBe(true);
  });

  it.skipIf(!enabled)("keeps refusing after a restart: the store closed and opened again still knows the id", async () => {
    await a.close();
    if (b !== a) await b.close();
    a = await open();
    b = kind === "postgres" ? await open() : a;
    expect(await claimAssertionJti(a.db, "lr-b", "j-1", later(60), later(10))).toBe(false);
  });

  it.skipIf(!enabled)("two connections racing with the same id: exactly one wins, 50 times over", async () => {
    let wins = 0;
    for (let round = 0; round < 50; round++) {
      const results = await Promise.all([
        claimAssertionJti(a.db, "lr-b", `race-${round}`, later(60), T0),
        claimAssertionJti(b.db, "lr-b", `race-${round}`, later(60), T0),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      wins += results.filter(Boolean).length;
    }
    expect(wins).toBe(50);
  });

  it.skipIf(!enabled)("prunes ids past their expiry, and only those", async () => {
    await claimAssertionJti(a.db, "lr-b", "short", later(30), T0);
    await claimAssertionJti(a.db, "lr-b", "long", later(300), T0);
    await claimAssertionJti(a.db, "lr-b", "probe", later(400), later(120));
    const left = (await a.db.select().from(clientAssertionJtis)).map((r) => r.jti).sort();
    expect(left).toEqual(["long", "probe"]);
  });
});
