import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personHash } from "@/lib/privacy/person-hash";
import { listAccess, recordAccess } from "./access-log";
import { openStore, type Store } from "./client";
import { listKnownEmployees, removeKnownEmployee, saveKnownEmployee } from "./employees";
import { accessLog, roleAssignments } from "./schema";
import { freshStoreEnv } from "./testing/fresh-store";

const ECK = `https://ketenid.nl/201703/${"c4".repeat(64)}`;
const pgUrl = process.env.TEST_DATABASE_URL;

// Both stores start empty, not from the store vitest.global-setup.ts migrated for the run: migrating
// is tested here. (This file runs in a process of its own, the isolated project: nothing else sees this.)
delete process.env.LDB_TEST_PGLITE_DUMP;

/**
 * The same tests against embedded PGlite and, when the test command started one, a PostgreSQL
 * server: a database of this file's own there, so no other file's rows are in the way.
 */
const backends: Array<[string, "pglite" | "postgres", boolean]> = [
  ["PGlite (embedded)", "pglite", true],
  [pgUrl ? "PostgreSQL server" : "PostgreSQL server (skipped: TEST_DATABASE_URL not set; npm test sets it)", "postgres", !!pgUrl],
];

describe.each(backends)("store on %s", (_name, kind, enabled) => {
  let store: Store;
  let url = "";
  let drop = async () => {};
  beforeAll(async () => {
    if (!enabled) return;
    if (kind === "postgres") {
      const fresh = await freshStoreEnv("postgres", { empty: true });
      url = fresh.env.DATABASE_URL;
      drop = fresh.drop;
    }
    store = await openStore(kind === "postgres" ? { databaseUrl: url } : { pgliteDir: "memory://", databaseUrl: "" });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await drop();
  });

  it.skipIf(!enabled)("migrates to the latest version, and again without harm", async () => {
    const reopened = store.kind === "postgres" ? await openStore({ databaseUrl: url }) : undefined;
    await reopened?.close();
    const tables = await store.db.execute(
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    const names = (tables.rows as { table_name: string }[]).map((r) => r.table_name);
    expect(names).toEqual(expect.arrayContaining(["access_log", "role_assignments"]));
  });

  it.skipIf(!enabled)(
    "keeps a school's employee list: saved once per identifier, renamed on save, removed by opaque key, per school",
    async () => {
      await saveKnownEmployee(store.db, {
        schoolId: "vo-1",
        userIdType: "NEPRI",
        userId: "jbakker3@meridiaancollege",
        name: "J. Bakker",
        addedBy: "a",
      });
      await saveKnownEmployee(store.db, {
        schoolId: "vo-1",
        userIdType: "NEPRI",
        userId: "jbakker3@meridiaancollege",
        name: "Jan Bakker",
        addedBy: "a",
      });
      await saveKnownEmployee(store.db, {
        schoolId: "vo-1",
        userIdType: "ASI",
        userId: "MW900B201-0007",
        name: "Aylin Demir",
        addedBy: "a",
      });
      await saveKnownEmployee(store.db, {
        schoolId: "po-1",
        userIdType: "ASI",
        userId: "MW900A101-0001",
        name: "Els Visser",
        addedBy: "b",
      });
      const vo = await listKnownEmployees(store.db, "vo-1");
      expect(vo.map((e) => [e.name, e.maskedId])).toEqual([
        ["Aylin Demir", "ASI ••••0007"],
        ["Jan Bakker", "NEPRI ••••lege"],
      ]);
      expect(vo[0]!.key).toMatch(/^[0-9a-f]{32}$/);
      expect(await removeKnownEmployee(store.db, "po-1", vo[0]!.key)).toBeUndefined();
      expect(await removeKnownEmployee(store.db, "vo-1", vo[0]!.key)).toMatchObject({
        name: "Aylin Demir",
        userIdType: "ASI",
        userId: "MW900B201-0007",
      });
      expect((await listKnownEmployees(store.db, "vo-1")).map((e) => e.name)).toEqual(["Jan Bakker"]);
      expect((await listKnownEmployees(store.db, "po-1")).map((e) => e.name)).toEqual(["Els Visser"]);
    },
  );

  it.skipIf(!enabled)("records a single-person read with a keyed hash, never the identifier", async () => {
    await recordAccess(store.db, {
      actor: "staff-1",
      actorRoles: ["support"],
      schoolId: "vo-1",
      dataKind: "usage",
      action: "lookup",
      personCount: 1,
      personIdentifier: ECK,
    });
    await recordAccess(store.db, {
      actor: "staff-2",
      actorRoles: ["schooladmin"],
      schoolId: "po-1",
      dataKind: "students",
      action: "list",
      personCount: 204,
    });
    const rows = await store.db.select().from(accessLog);
    expect(JSON.stringify(rows)).not.toContain("ketenid");
    const lookup = rows.find((r) => r.actor === "staff-1")!;
    expect(lookup.personHash).toBe(personHash(ECK));
    expect(lookup.personHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.find((r) => r.actor === "staff-2")).toMatchObject({ personCount: 204, personHash: null, dataKind: "students" });
  });

  it.skipIf(!enabled)("lists for the auditor's schools only, filtered by actor, kind and person", async () => {
    expect((await listAccess(store.db, { schoolIds: ["vo-1"] })).map((r) => r.actor)).toEqual(["staff-1"]);
    expect(await listAccess(store.db, { schoolIds: ["po-1", "vo-1"], dataKind: "students" })).toHaveLength(1);
    expect(await listAccess(store.db, { schoolIds: ["po-1", "vo-1"], personIdentifier: ECK })).toHaveLength(1);
    expect(await listAccess(store.db, { schoolIds: [] })).toEqual([]);
  });

  it.skipIf(!enabled)("refuses to change, delete or truncate access log records", async () => {
    await expect(store.db.update(accessLog).set({ actor: "someone-else" })).rejects.toThrow();
    await expect(store.db.delete(accessLog)).rejects.toThrow();
    await expect(store.db.execute(sql`TRUNCATE access_log`)).rejects.toThrow();
    expect((await store.db.select().from(accessLog)).map((r) => r.actor).sort()).toEqual(["staff-1", "staff-2"]);
  });

  it.skipIf(!enabled)("keeps one role assignment per (issuer, subject, role, school)", async () => {
    const grant = { issuer: "https://idp.school.example", subject: "staff-3", role: "support", schoolId: "po-1", grantedBy: "staff-2" };
    await store.db.insert(roleAssignments).values(grant);
    await expect(store.db.insert(roleAssignments).values(grant)).rejects.toThrow();
    expect(await store.db.select().from(roleAssignments)).toHaveLength(1);
  });
});
