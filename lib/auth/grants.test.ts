import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "@/lib/db/client";
import { sessions, users } from "@/lib/db/auth-schema";
import { freshStoreEnv } from "@/lib/db/testing/fresh-store";
import { addRoleAssignment, assertionFrom, grantApplies, recordSignIn, schoolRules } from "./grants";
import { staffForSession } from "./staff";

const pgUrl = process.env.TEST_DATABASE_URL;
const ISSUER = "https://login.obsderegenboog.example";
const OTHER_ISSUER = "https://accounts.elders.example";
// Each school vouches for its own staff's e-mail domain only.
const schools = schoolRules({
  schools: [
    { id: "po-1", name: "PO", sector: "PO", organisationMasterIdentifier: "1", staffEmailDomains: ["obsderegenboog.example"] },
    { id: "vo-1", name: "VO", sector: "VO", organisationMasterIdentifier: "2", staffEmailDomains: ["meridiaancollege.example"] },
    { id: "mbo-1", name: "MBO", sector: "MBO", organisationMasterIdentifier: "3" },
  ],
});
const life = { idleSeconds: 1800, absoluteSeconds: 36_000 };

const backends: Array<[string, "pglite" | "postgres", boolean]> = [
  ["PGlite (embedded)", "pglite", true],
  [pgUrl ? "PostgreSQL server" : "PostgreSQL server (skipped: TEST_DATABASE_URL not set)", "postgres", !!pgUrl],
];

describe.each(backends)("local role grants on %s", (_name, kind, enabled) => {
  let store: Store;
  let drop = async () => {};
  let n = 0;
  /** A user signed in with these ID token claims, with a live session; returns the grants it gets. */
  const grantsFor = async (claims: Record<string, unknown>) => {
    const id = `user-${++n}`;
    // Auth.js's own users.email (unique, written once) plays no part: the rules read the IdP's assertions.
    await store.db.insert(users).values({ id });
    await recordSignIn(store.db, id, { iss: ISSUER, ...claims }, []);
    await store.db.insert(sessions).values({ sessionToken: `tok-${id}`, userId: id, expires: new Date(Date.now() + 600_000) });
    return (await staffForSession(store.db, `tok-${id}`, schools, life))!.grants;
  };

  beforeAll(async () => {
    if (!enabled) return;
    const fresh = await freshStoreEnv(kind);
    drop = fresh.drop;
    store = await openStore(
      kind === "pglite" ? { pgliteDir: fresh.env.PGLITE_DIR, databaseUrl: "" } : { databaseUrl: fresh.env.DATABASE_URL },
    );
    await addRoleAssignment(store.db, { issuer: ISSUER, subject: "2b7f-petra", role: "support", schoolId: "po-1", grantedBy: "beheer" });
    await addRoleAssignment(store.db, {
      email: "K.Yilmaz@MeridiaanCollege.example",
      role: "auditor",
      schoolId: "vo-1",
      grantedBy: "beheer",
    });
    await addRoleAssignment(store.db, {
      email: "k.yilmaz@meridiaancollege.example",
      role: "consent",
      schoolId: "po-1",
      grantedBy: "beheer",
    });
    await addRoleAssignment(store.db, {
      email: "j.smit@meridiaancollege.example",
      role: "consent",
      schoolId: "mbo-1",
      grantedBy: "beheer",
    });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await drop();
  });

  it.skipIf(!enabled)("a grant by (issuer, subject) works", async () => {
    expect(await grantsFor({ sub: "2b7f-petra", email: "p.deboer@obsderegenboog.example", email_verified: false })).toEqual([
      { role: "support", schoolId: "po-1" },
    ]);
  });

  it.skipIf(!enabled)("the same subject from another issuer does not", async () => {
    expect(await grantsFor({ iss: OTHER_ISSUER, sub: "2b7f-petra" })).toEqual([]);
  });

  it.skipIf(!enabled)("an e-mail grant works for an address the IdP verified, in a domain its school allows (any case)", async () => {
    expect(await grantsFor({ sub: "k-1", email: "k.yilmaz@meridiaancollege.example", email_verified: true })).toEqual([
      { role: "auditor", schoolId: "vo-1" },
    ]);
  });

  it.skipIf(!enabled)('an unverified e-mail grant does not: email_verified false, absent, or the string "true"', async () => {
    expect(await grantsFor({ sub: "k-2", email: "k.yilmaz@meridiaancollege.example", email_verified: false })).toEqual([]);
    expect(await grantsFor({ sub: "k-3", email: "k.yilmaz@meridiaancollege.example" })).toEqual([]);
    expect(await grantsFor({ sub: "k-4", email: "k.yilmaz@meridiaancollege.example", email_verified: "true" })).toEqual([]);
  });

  it.skipIf(!enabled)(
    "a verified e-mail in a foreign domain does not: po-1 and mbo-1 do not vouch for meridiaancollege.example",
    async () => {
      // Above, the same verified address got vo-1's auditor role but never its grants at po-1 and mbo-1.
      expect(await grantsFor({ sub: "j-1", email: "j.smit@meridiaancollege.example", email_verified: true })).toEqual([]);
    },
  );

  it.skipIf(!enabled)("the next sign-in decides: once the IdP stops vouching for the address, its grant stops", async () => {
    await store.db.insert(users).values({ id: "again" });
    await store.db.insert(sessions).values({ sessionToken: "tok-again", userId: "again", expires: new Date(Date.now() + 600_000) });
    const staff = () => staffForSession(store.db, "tok-again", schools, life).then((s) => s!.grants);
    await recordSignIn(
      store.db,
      "again",
      { iss: ISSUER, sub: "k-5", email: "k.yilmaz@meridiaancollege.example", email_verified: true },
      [],
    );
    expect(await staff()).toEqual([{ role: "auditor", schoolId: "vo-1" }]);
    await recordSignIn(
      store.db,
      "again",
      { iss: ISSUER, sub: "k-5", email: "k.yilmaz@meridiaancollege.example", email_verified: false },
      [],
    );
    expect(await staff()).toEqual([]);
  });

  it.skipIf(!enabled)("a grant has exactly one key: (issuer, subject) or a lower-case e-mail address, and is given once", async () => {
    await addRoleAssignment(store.db, { issuer: ISSUER, subject: "2b7f-petra", role: "support", schoolId: "po-1", grantedBy: "again" });
    const { roleAssignments } = await import("@/lib/db/schema");
    const rows = await store.db.select().from(roleAssignments);
    expect(rows.filter((r) => r.subject === "2b7f-petra")).toHaveLength(1);
    await expect(
      store.db
        .insert(roleAssignments)
        .values({ issuer: ISSUER, subject: "x", email: "x@obsderegenboog.example", role: "support", schoolId: "po-1", grantedBy: "t" }),
    ).rejects.toThrow();
    await expect(
      store.db.insert(roleAssignments).values({ email: "X@obsderegenboog.example", role: "support", schoolId: "po-1", grantedBy: "t" }),
    ).rejects.toThrow();
    await expect(
      store.db.insert(roleAssignments).values({ subject: "no-issuer", role: "support", schoolId: "po-1", grantedBy: "t" }),
    ).rejects.toThrow();
  });
});

describe("the rules as pure functions", () => {
  const who = { issuer: ISSUER, subject: "s", email: "a@obsderegenboog.example", emailVerified: true };
  it.each([
    ["account grant, same issuer and subject", { issuer: ISSUER, subject: "s", email: null, schoolId: "po-1" }, who, true],
    [
      "account grant, a session from before the IdP assertions were kept (no issuer)",
      { issuer: ISSUER, subject: "s", email: null, schoolId: "po-1" },
      { ...who, issuer: null },
      false,
    ],
    ["account grant, subject differs only in case", { issuer: ISSUER, subject: "S", email: null, schoolId: "po-1" }, who, false],
    ["account grant, issuer with a trailing slash", { issuer: `${ISSUER}/`, subject: "s", email: null, schoolId: "po-1" }, who, false],
    [
      "e-mail grant at a school without staffEmailDomains",
      { issuer: null, subject: null, email: "a@obsderegenboog.example", schoolId: "mbo-1" },
      who,
      false,
    ],
    [
      "e-mail grant in a subdomain of an allowed domain",
      { issuer: null, subject: null, email: "a@mail.obsderegenboog.example", schoolId: "po-1" },
      { ...who, email: "a@mail.obsderegenboog.example" },
      false,
    ],
    ["e-mail grant to another address", { issuer: null, subject: null, email: "b@obsderegenboog.example", schoolId: "po-1" }, who, false],
  ])("%s → %s", (_label, grant, person, expected) => {
    expect(grantApplies(grant, person, schools)).toBe(expected);
  });

  it("reads the ID token: only a boolean true verifies, addresses are kept in lower case", () => {
    expect(assertionFrom({ iss: ISSUER, sub: "s", email: "A@B.example", email_verified: true })).toEqual({
      issuer: ISSUER,
      subject: "s",
      email: "a@b.example",
      emailVerified: true,
    });
    expect(assertionFrom({ iss: ISSUER, sub: "s", email_verified: true })).toEqual({
      issuer: ISSUER,
      subject: "s",
      email: null,
      emailVerified: false,
    });
    expect(assertionFrom({ sub: 7, email: "a@b.example", email_verified: 1 })).toEqual({
      issuer: null,
      subject: null,
      email: "a@b.example",
      emailVerified: false,
    });
  });
});
