import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Db, type Store } from "@/lib/db/client";
import { sessions, users } from "@/lib/db/auth-schema";
import { freshStoreEnv } from "@/lib/db/testing/fresh-store";
import { addRoleAssignment } from "./grants";
import { staffForSession } from "./staff";

// The session lookup in one query: still refuses at once what it refused in several.
const pgUrl = process.env.TEST_DATABASE_URL;
const schools = new Map([
  ["po-1", { staffEmailDomains: ["school.example"] }],
  ["vo-1", { staffEmailDomains: [] }],
]);
const life = { idleSeconds: 1800, absoluteSeconds: 36_000 };
const T0 = new Date("2026-11-22T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** The store with every statement counted (each select/insert/update/delete/execute call is one). */
function counting(db: Db): { db: Db; count: () => number } {
  let n = 0;
  const counted = new Set(["select", "insert", "update", "delete", "execute"]);
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop === "string" && counted.has(prop) && typeof value === "function") {
        return (...args: unknown[]) => {
          n++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
  return { db: proxy, count: () => n };
}

const backends: Array<[string, "pglite" | "postgres", boolean]> = [
  ["PGlite (embedded)", "pglite", true],
  [pgUrl ? "PostgreSQL server" : "PostgreSQL server (skipped: TEST_DATABASE_URL not set)", "postgres", !!pgUrl],
];

describe.each(backends)("session lookup on %s", (_name, kind, enabled) => {
  let store: Store;
  let drop = async () => {};
  const session = (token: string, userId: string, createdMinutes: number, expiresMinutes: number) =>
    store.db.insert(sessions).values({ sessionToken: token, userId, createdAt: at(createdMinutes), expires: at(expiresMinutes) });

  beforeAll(async () => {
    if (!enabled) return;
    const fresh = await freshStoreEnv(kind);
    drop = fresh.drop;
    store = await openStore(
      kind === "pglite" ? { pgliteDir: fresh.env.PGLITE_DIR, databaseUrl: "" } : { databaseUrl: fresh.env.DATABASE_URL },
    );
    await store.db.insert(users).values([
      {
        id: "u1",
        idpRoles: ["support:po-1"],
        idpIssuer: "https://idp.example",
        idpSubject: "s-1",
        idpEmail: "a@school.example",
        idpEmailVerified: true,
      },
      { id: "u2", idpRoles: ["schooladmin:po-1"] },
    ]);
    await addRoleAssignment(store.db, {
      issuer: "https://idp.example",
      subject: "s-1",
      role: "auditor",
      schoolId: "vo-1",
      grantedBy: "beheer",
    });
    await addRoleAssignment(store.db, { email: "a@school.example", role: "consent", schoolId: "po-1", grantedBy: "beheer" });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await drop();
  });

  it.skipIf(!enabled)("reads session, account and local grants in one statement", async () => {
    await session("one", "u1", 0, 30);
    const { db, count } = counting(store.db);
    const staff = await staffForSession(db, "one", schools, { ...life, now: at(1) });
    expect(staff?.grants).toEqual([
      { role: "support", schoolId: "po-1" },
      { role: "auditor", schoolId: "vo-1" },
      { role: "consent", schoolId: "po-1" },
    ]);
    expect(count()).toBe(1);
  });

  it.skipIf(!enabled)("refuses an account disabled after sign-in at its very next request, and ends the session", async () => {
    await session("dis", "u2", 0, 30);
    expect(await staffForSession(store.db, "dis", schools, { ...life, now: at(1) })).not.toBeNull();
    await store.db.update(users).set({ active: 0 }).where(eq(users.id, "u2"));
    expect(await staffForSession(store.db, "dis", schools, { ...life, now: at(1) })).toBeNull();
    expect(await store.db.select().from(sessions).where(eq(sessions.sessionToken, "dis"))).toEqual([]);
  });

  it.skipIf(!enabled)("refuses an expired session, and one past its absolute lifetime", async () => {
    await session("exp", "u1", 0, 30);
    expect(await staffForSession(store.db, "exp", schools, { ...life, now: at(30) })).toBeNull();
    await session("old", "u1", 0, 700);
    expect(await staffForSession(store.db, "old", schools, { ...life, now: at(601) })).toBeNull();
  });

  it.skipIf(!enabled)(
    "still enforces the idle lifetime: slid on use (at most once a minute), refused after a full idle period",
    async () => {
      await session("idle", "u1", 0, 30);
      const { db, count } = counting(store.db);
      expect(await staffForSession(db, "idle", schools, { ...life, now: at(0.5) })).not.toBeNull();
      expect(count()).toBe(1); // less than a minute to slide: no write
      expect(await staffForSession(db, "idle", schools, { ...life, now: at(20) })).not.toBeNull();
      expect(count()).toBe(3); // the read, then the slide to minute 50
      const [row] = await store.db.select().from(sessions).where(eq(sessions.sessionToken, "idle"));
      expect(row!.expires).toEqual(at(50));
      expect(await staffForSession(store.db, "idle", schools, { ...life, now: at(50) })).toBeNull();
    },
  );

  it.skipIf(!enabled)("refuses a signed-out (deleted) or unknown session", async () => {
    await session("out", "u1", 0, 30);
    await store.db.delete(sessions).where(eq(sessions.sessionToken, "out"));
    expect(await staffForSession(store.db, "out", schools, { ...life, now: at(1) })).toBeNull();
    expect(await staffForSession(store.db, "never", schools, { ...life, now: at(1) })).toBeNull();
  });
});
