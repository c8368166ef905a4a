import { Client, type DatabaseError } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as accessLogRoute } from "@/app/api/access-log/route";
import { POST as addEmployee, GET as listEmployees } from "@/app/api/employees/route";
import { POST as removeEmployee } from "@/app/api/employees/remove/route";
import { POST as students } from "@/app/api/students/route";
import { CSRF_HEADER } from "@/lib/api/route";
import { addRoleAssignment } from "@/lib/auth/grants";
import { publishConsentChange } from "@/lib/runtime/consent-changes";
import { contractHealthRecorder, sourceHealthSummaries } from "@/lib/runtime/contract-health-flush";
import { listAccess, recordAccess } from "./access-log";
import { getStore, type Store } from "./client";
import { sessions, users } from "./auth-schema";
import { createConsentRequest, markConsentSent, recordProviderStatus, saveStatusCursor, statusCursors } from "./consent";
import { claimAssertionJti } from "./assertion-jtis";
import { ensureSlots, releaseSlot, takeSlot } from "./source-slots";
import { claimOne } from "./testing/claim";
import { twoRoleDatabase } from "./testing/two-roles";

/**
 * The production set-up on a PostgreSQL server: docs/postgres-roles.sql creates an owner and an
 * application role; the dashboard migrates as the owner and works as the application role, which
 * can add to the access log and read it, and nothing else there. PostgreSQL only (roles are a server's).
 */
const pgUrl = process.env.TEST_DATABASE_URL;
const OWN = "obs-de-regenboog";
const BASE = "http://localhost:3000";

describe.skipIf(!pgUrl)("PostgreSQL with an owner and an application role (docs/postgres-roles.sql)", () => {
  let roles: Awaited<ReturnType<typeof twoRoleDatabase>>;
  let store: Store;
  let asApp: Client;
  let asOwner: Client;

  beforeAll(async () => {
    roles = await twoRoleDatabase();
    // What a production instance is given: the routes below open the process's store from these.
    process.env.DATABASE_URL = roles.appUrl;
    process.env.DATABASE_MIGRATION_URL = roles.ownerUrl;
    process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
    store = await getStore();
    asApp = new Client({ connectionString: roles.appUrl });
    asOwner = new Client({ connectionString: roles.ownerUrl });
    await asApp.connect();
    await asOwner.connect();
  }, 60_000);
  afterAll(async () => {
    await asApp?.end().catch(() => {});
    await asOwner?.end().catch(() => {});
    await store?.close();
    await roles?.drop();
  });

  it("the store connects as the application role, which owns nothing", async () => {
    expect((await asApp.query("SELECT current_user AS u")).rows[0].u).toBe(roles.app);
    const owned = await asOwner.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = $1", [
      roles.app,
    ]);
    expect(owned.rows[0].n).toBe(0);
    const tables = await asOwner.query("SELECT tableowner FROM pg_tables WHERE tablename = 'access_log'");
    expect(tables.rows[0].tableowner).toBe(roles.owner);
  });

  it("as the application role the access log takes INSERT and SELECT, and every way to change it or its trigger fails", async () => {
    await recordAccess(store.db, {
      actor: "staff-1",
      actorRoles: ["schooladmin"],
      schoolId: OWN,
      dataKind: "students",
      action: "list",
      personCount: 204,
    });
    const before = (await asApp.query("SELECT id, actor FROM access_log ORDER BY id")).rows;
    expect(before.map((r: { actor: string }) => r.actor)).toContain("staff-1");
    const attempts: Record<string, string> = {
      "DROP TRIGGER": "DROP TRIGGER access_log_no_update_delete ON access_log",
      "DISABLE TRIGGER USER": "ALTER TABLE access_log DISABLE TRIGGER USER",
      "DISABLE TRIGGER by name": "ALTER TABLE access_log DISABLE TRIGGER access_log_no_truncate",
      "replace the trigger function":
        "CREATE OR REPLACE FUNCTION access_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
      UPDATE: "UPDATE access_log SET actor = 'someone-else'",
      DELETE: "DELETE FROM access_log",
      TRUNCATE: "TRUNCATE access_log",
      "DROP TABLE": "DROP TABLE access_log",
      "SET ROLE to the owner": `SET ROLE ${roles.owner}`,
      "CREATE TABLE": "CREATE TABLE shadow (id int)",
    };
    const codes: Record<string, string | undefined> = {};
    for (const [name, statement] of Object.entries(attempts)) {
      codes[name] = await asApp.query(statement).then(
        () => "succeeded",
        (err: DatabaseError) => err.code,
      );
    }
    console.log(`[roles] as ${roles.app}: ${Object.keys(attempts).length} attempts, SQLSTATE per attempt ${JSON.stringify(codes)}`);
    // 42501 insufficient_privilege, each refused by the grants or ownership (not by the trigger).
    expect(codes).toEqual(Object.fromEntries(Object.keys(attempts).map((k) => [k, "42501"])));
    expect((await asApp.query("SELECT id, actor FROM access_log ORDER BY id")).rows).toEqual(before);
    const triggers = await asOwner.query(
      "SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'access_log'::regclass AND NOT tgisinternal ORDER BY tgname",
    );
    expect(triggers.rows).toEqual([
      { tgname: "access_log_no_truncate", tgenabled: "O" },
      { tgname: "access_log_no_update_delete", tgenabled: "O" },
    ]);
  });

  it("the owner could disable the trigger: it is the roles that keep the application from doing so", async () => {
    await asOwner.query("BEGIN");
    await expect(asOwner.query("ALTER TABLE access_log DISABLE TRIGGER USER")).resolves.toBeDefined();
    await asOwner.query("ROLLBACK");
  });

  it("the dashboard works as the application role: routes, access log, consent, contract health, notifications", async () => {
    await store.db.insert(users).values([
      { id: "adm", email: "adm@school.example", idpRoles: [`schooladmin:${OWN}`] },
      { id: "aud", email: "aud@school.example", idpRoles: [`auditor:${OWN}`] },
      { id: "sup", email: "sup@school.example", idpRoles: ["support:meridiaan-college"] },
    ]);
    const expires = new Date(Date.now() + 3_600_000);
    await store.db.insert(sessions).values(["adm", "aud", "sup"].map((id) => ({ sessionToken: `tok-${id}`, userId: id, expires })));
    const headers = (who: string) => ({
      cookie: `ldb.session=tok-${who}`,
      [CSRF_HEADER]: "1",
      origin: BASE,
      "content-type": "application/json",
    });
    const post = (handler: (r: Request) => Promise<Response>, who: string, body: unknown) =>
      handler(new Request(`${BASE}/x?school=${OWN}`, { method: "POST", headers: headers(who), body: JSON.stringify(body) }));
    const get = (handler: (r: Request) => Promise<Response>, who: string, query = "") =>
      handler(new Request(`${BASE}/x?school=${OWN}${query}`, { headers: headers(who) }));

    const added = await post(addEmployee, "adm", { employee: { userIdType: "NEPRI", userId: "e.visser@regenboog" }, name: "Els Visser" });
    expect(added.status).toBe(201);
    const { key } = (await added.json()) as { key: string };
    expect(((await (await get(listEmployees, "adm")).json()) as { employees: unknown[] }).employees).toHaveLength(1);
    expect((await post(removeEmployee, "adm", { key })).status).toBe(200);
    expect((await post(students, "sup", {})).status).toBe(403);
    const log = (await (await get(accessLogRoute, "aud")).json()) as Array<{
      actor: string;
      dataKind: string;
      action: string;
      outcome: string;
    }>;
    expect(log.filter((r) => r.actor !== "staff-1").map((r) => [r.actor, r.dataKind, r.action, r.outcome])).toEqual([
      ["sup@school.example", "students", "list", "refused"],
      ["adm@school.example", "employees", "change", "served"],
      ["adm@school.example", "assignments", "list", "served"],
      ["adm@school.example", "employees", "change", "served"],
    ]);

    const request = await createConsentRequest(store.db, {
      schoolId: OWN,
      providerId: "las-a",
      api: "students-api",
      scopes: ["eduv.student.basic"],
      delivery: "put",
      send: true,
      actor: "toestemming@school.example",
    });
    await markConsentSent(store.db, await claimOne(store.db, request.consumerReferenceId), "HTTP 202");
    expect(
      await recordProviderStatus(store.db, "las-a", {
        consumerReferenceId: request.consumerReferenceId,
        providerReferenceId: "r-1",
        providerStatus: "revoked",
      }),
    ).toEqual({ outcome: "recorded", schoolId: OWN });
    await saveStatusCursor(store.db, "las-a", { since: new Date() });
    expect((await statusCursors(store.db)).map((c) => c.providerId)).toEqual(["las-a"]);
    await publishConsentChange(store.db, "las-a", OWN);

    contractHealthRecorder().observe({
      sourceId: "las-a",
      operationId: "get-students-for-school",
      at: Date.now(),
      latencyMs: 12,
      httpStatus: 200,
    });
    const health = (await sourceHealthSummaries(["las-a"])).get("las-a")!;
    expect(JSON.stringify(health)).toContain("get-students-for-school");
    expect((await listAccess(store.db, { schoolIds: [OWN] })).length).toBe(5);

    // Shared call slots, the client assertions' jti store and local role grants (migrations 0008, 0009).
    await ensureSlots(store.db, "las-a", 2);
    const slot = await takeSlot(store.db, {
      sourceId: "las-a",
      holder: "instance-1",
      limit: 2,
      leaseSeconds: 30,
      waitSeconds: 30,
      moreWaiting: false,
    });
    expect(slot).toBe(0);
    await releaseSlot(store.db, "las-a", slot!, "instance-1");
    const expiresAt = new Date(Date.now() + 60_000);
    expect(await claimAssertionJti(store.db, "las-a", "jti-1", expiresAt)).toBe(true);
    expect(await claimAssertionJti(store.db, "las-a", "jti-1", expiresAt)).toBe(false);
    await addRoleAssignment(store.db, {
      issuer: "https://idp.example",
      subject: "sub-1",
      role: "auditor",
      schoolId: OWN,
      grantedBy: "adm@school.example",
    });
  });
});
