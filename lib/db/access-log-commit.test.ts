import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAccess, type AccessEntry } from "./access-log";
import { openStore, type Store } from "./client";
import { accessLog } from "./schema";
import { freshStoreEnv } from "./testing/fresh-store";

// The access log's group commit on a real store: concurrent requests' rows in one INSERT, each
// request's await ending only once its row is stored, a failed INSERT failing each request in it.
const pgUrl = process.env.TEST_DATABASE_URL;
const backends: Array<[string, "pglite" | "postgres", boolean]> = [
  ["PGlite (embedded)", "pglite", true],
  [pgUrl ? "PostgreSQL server" : "PostgreSQL server (skipped: TEST_DATABASE_URL not set)", "postgres", !!pgUrl],
];
const entry = (actor: string): AccessEntry => ({
  actor,
  actorRoles: ["support"],
  schoolId: "vo-1",
  dataKind: "students",
  action: "list",
  personCount: 50,
});

describe.each(backends)("access log group commit on %s", (_name, kind, enabled) => {
  let store: Store;
  let drop = async () => {};
  const rows = async (prefix: string) => (await store.db.select().from(accessLog)).filter((r) => r.actor.startsWith(prefix));

  beforeAll(async () => {
    if (!enabled) return;
    const fresh = await freshStoreEnv(kind);
    drop = fresh.drop;
    store = await openStore(
      kind === "pglite" ? { pgliteDir: fresh.env.PGLITE_DIR, databaseUrl: "" } : { databaseUrl: fresh.env.DATABASE_URL },
    );
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await drop();
  });

  it.skipIf(!enabled)("stores each request's row before its await ends", async () => {
    await recordAccess(store.db, entry("solo-1"));
    expect(await rows("solo-")).toHaveLength(1);
  });

  it.skipIf(!enabled)("puts the rows of concurrent requests into one INSERT (one statement: one now())", async () => {
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAccess(store.db, entry(`together-${i}`)).then(async () =>
          seen.push((await rows("together-")).filter((r) => r.actor === `together-${i}`).length),
        ),
      ),
    );
    expect(seen).toEqual(Array(20).fill(1)); // each was stored when its own await ended
    const stored = await rows("together-");
    expect(stored).toHaveLength(20);
    expect(new Set(stored.map((r) => r.at.getTime())).size).toBe(1);
  });

  it.skipIf(!enabled)("fails every request whose row was in a failed INSERT, and stores none of them", async () => {
    // A row the store refuses (a NOT NULL column left empty) spoils the INSERT it is in.
    const broken = { ...entry("failed-bad"), schoolId: null as unknown as string };
    const outcomes = await Promise.allSettled([
      recordAccess(store.db, entry("failed-1")),
      recordAccess(store.db, broken),
      recordAccess(store.db, entry("failed-2")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(await rows("failed-")).toEqual([]);
    // The next request's row is written as usual.
    await recordAccess(store.db, entry("after-1"));
    expect(await rows("after-")).toHaveLength(1);
  });
});
