import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "@/lib/db/client";
import { sessions, users } from "@/lib/db/auth-schema";
import { addRoleAssignment } from "./grants";
import { parseGrants, staffForSession } from "./staff";

let store: Store;
const schools = new Map([
  ["po-1", { staffEmailDomains: ["school.example"] }],
  ["vo-1", { staffEmailDomains: [] }],
]);
const life = { idleSeconds: 1800, absoluteSeconds: 36_000 };
const T0 = new Date("2026-11-22T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  store = await openStore({ pgliteDir: "memory://", databaseUrl: "" });
  await store.db.insert(users).values([
    {
      id: "u1",
      name: "Sanne",
      email: "sanne@school.example",
      idpRoles: ["support:po-1", "support:elders", "koning:po-1"],
      idpIssuer: "https://idp.school.example",
      idpSubject: "sanne-1",
    },
    { id: "u2", name: "Uit", email: "uit@school.example", idpRoles: ["schooladmin:po-1"], active: 0 },
  ]);
  await addRoleAssignment(store.db, {
    issuer: "https://idp.school.example",
    subject: "sanne-1",
    role: "auditor",
    schoolId: "vo-1",
    grantedBy: "admin@school.example",
  });
});
afterAll(() => store.close());

async function session(token: string, userId: string, createdMinutes: number, expiresMinutes: number) {
  await store.db.insert(sessions).values({ sessionToken: token, userId, createdAt: at(createdMinutes), expires: at(expiresMinutes) });
}

describe("the staff member behind a session", () => {
  it("has the IdP's roles plus local grants to its IdP account, only for known roles and schools", async () => {
    await session("t1", "u1", 0, 30);
    const staff = await staffForSession(store.db, "t1", schools, { ...life, now: at(5) });
    expect(staff?.grants).toEqual([
      { role: "support", schoolId: "po-1" },
      { role: "auditor", schoolId: "vo-1" },
    ]);
  });

  it("slides the idle end forward on use", async () => {
    await staffForSession(store.db, "t1", schools, { ...life, now: at(20) });
    const [row] = await store.db.select().from(sessions).where(eq(sessions.sessionToken, "t1"));
    expect(row!.expires).toEqual(at(50));
  });

  it("a background request (a page's poll) is served but does not slide the idle end; the session ends on time", async () => {
    await session("t-poll", "u1", 0, 30);
    for (const minute of [5, 15, 25, 29]) {
      expect(await staffForSession(store.db, "t-poll", schools, { ...life, now: at(minute), slide: false })).not.toBeNull();
    }
    const [row] = await store.db.select().from(sessions).where(eq(sessions.sessionToken, "t-poll"));
    expect(row!.expires).toEqual(at(30));
    expect(await staffForSession(store.db, "t-poll", schools, { ...life, now: at(31), slide: false })).toBeNull();
  });

  it("ends a session idle past its lifetime, and deletes it", async () => {
    await session("t2", "u1", 0, 30);
    expect(await staffForSession(store.db, "t2", schools, { ...life, now: at(31) })).toBeNull();
    expect(await store.db.select().from(sessions).where(eq(sessions.sessionToken, "t2"))).toEqual([]);
  });

  it("ends a session past its absolute lifetime even when it was used all along", async () => {
    await session("t3", "u1", 0, 700);
    expect(await staffForSession(store.db, "t3", schools, { ...life, now: at(601) })).toBeNull();
  });

  it("ends the sessions of a disabled account at once", async () => {
    await session("t4", "u2", 0, 30);
    expect(await staffForSession(store.db, "t4", schools, { ...life, now: at(1) })).toBeNull();
  });

  it("knows no unknown or missing token", async () => {
    expect(await staffForSession(store.db, "nope", schools, life)).toBeNull();
    expect(await staffForSession(store.db, undefined, schools, life)).toBeNull();
  });
});

it("parses role claims strictly", () => {
  expect(parseGrants(["schooladmin:po-1", "schooladmin", ":po-1", "consent:vo-1:x", "consent:vo-1"], schools)).toEqual([
    { role: "schooladmin", schoolId: "po-1" },
    { role: "consent", schoolId: "vo-1" },
  ]);
});
