import { beforeAll, describe, expect, it } from "vitest";
import { GET as accessLogRoute } from "@/app/api/access-log/route";
import { POST as addEmployee } from "@/app/api/employees/route";
import { POST as removeEmployee } from "@/app/api/employees/remove/route";
import { POST as studentsRoute } from "@/app/api/students/route";
import { POST as usageRoute } from "@/app/api/usage/route";
import { GET as sourcesRoute } from "@/app/api/sources/route";
import { personHash } from "@/lib/privacy/person-hash";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { accessLog } from "@/lib/db/schema";
import { CSRF_HEADER } from "./route";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const BASE = "http://localhost:3000";
const OWN = "obs-de-regenboog";
const OTHER = "meridiaan-college";
const ECK = `https://ketenid.nl/201703/${"ab".repeat(64)}`;

type Handler = (r: Request) => Promise<Response>;
const headers = (who: string) => ({
  cookie: `ldb.session=tok-${who}`,
  [CSRF_HEADER]: "1",
  origin: BASE,
  "content-type": "application/json",
});
const post = (h: Handler, who: string, school: string, body: unknown) =>
  h(new Request(`${BASE}/x?school=${school}`, { method: "POST", headers: headers(who), body: JSON.stringify(body) }));
const get = (h: Handler, who: string, query: string) => h(new Request(`${BASE}/x?${query}`, { headers: headers(who) }));

async function rowsSince(n: number) {
  const { db } = await getStore();
  return (await db.select().from(accessLog)).slice(n);
}
const count = async () => (await rowsSince(0)).length;

beforeAll(async () => {
  const { db } = await getStore();
  await db.insert(users).values([
    { id: "adm", email: "adm@regenboog.example", idpRoles: [`schooladmin:${OWN}`] },
    { id: "sup", email: "sup@meridiaan.example", idpRoles: [`support:${OTHER}`] },
    { id: "aud", email: "aud@regenboog.example", idpRoles: [`auditor:${OWN}`] },
  ]);
  const expires = new Date(Date.now() + 3_600_000);
  await db.insert(sessions).values(["adm", "sup", "aud"].map((id) => ({ sessionToken: `tok-${id}`, userId: id, expires })));
});

describe("refused reads of persons' data in the access log", () => {
  it("a staff member of another school asking for a pupil's usage: one row 'refused' at the school asked for, no person hash, the identifier nowhere", async () => {
    const before = await count();
    const res = await post(usageRoute, "sup", OWN, { user: { userMasterIdentifier: ECK } });
    expect(res.status).toBe(403);
    const rows = await rowsSince(before);
    expect(rows).toEqual([
      expect.objectContaining({
        actor: "sup@meridiaan.example",
        actorRoles: "",
        schoolId: OWN,
        dataKind: "usage",
        action: "lookup",
        personCount: 0,
        personHash: null,
        outcome: "refused",
      }),
    ]);
    const all = JSON.stringify(await rowsSince(0));
    expect(all).not.toContain("ketenid");
    expect(all).not.toContain(personHash(ECK));
  });

  it("the student list of another school: refused and logged; at a school the dashboard does not serve: refused, nothing logged", async () => {
    const before = await count();
    expect((await post(studentsRoute, "sup", OWN, {})).status).toBe(403);
    expect((await post(studentsRoute, "sup", "nergens-anders", {})).status).toBe(403);
    expect((await rowsSince(before)).map((r) => [r.schoolId, r.dataKind, r.action, r.outcome])).toEqual([
      [OWN, "students", "list", "refused"],
    ]);
  });

  it("a refused route that reads no person's data (the Sources page's API) writes no access-log row", async () => {
    const before = await count();
    expect((await get(sourcesRoute, "sup", `school=${OWN}`)).status).toBe(403);
    expect(await rowsSince(before)).toEqual([]);
  });

  it("the auditor of the school sees the refusals, and can ask for them alone", async () => {
    const res = await get(accessLogRoute, "aud", `school=${OWN}&outcome=refused`);
    expect(res.status).toBe(200);
    const rows = (await res.json()) as Array<{ actor: string; dataKind: string; outcome: string }>;
    expect(rows.map((r) => [r.actor, r.dataKind, r.outcome])).toEqual([
      ["sup@meridiaan.example", "students", "refused"],
      ["sup@meridiaan.example", "usage", "refused"],
    ]);
  });
});

describe("employee-list writes: their own permission, and logged as changes", () => {
  it("an administrator adds, renames and removes: three 'change' rows with the employee's person hash, the same as an assignments lookup's", async () => {
    const before = await count();
    const employee = { userIdType: "NEPRI", userId: "j.devries@regenboog" };
    const added = await post(addEmployee, "adm", OWN, { employee, name: "J. de Vries" });
    expect(added.status).toBe(201);
    expect((await post(addEmployee, "adm", OWN, { employee, name: "Jan de Vries" })).status).toBe(201);
    const { key } = (await added.json()) as { key: string };
    expect((await post(removeEmployee, "adm", OWN, { key })).status).toBe(200);
    expect((await post(removeEmployee, "adm", OWN, { key })).status).toBe(404);
    const rows = await rowsSince(before);
    const hash = personHash("NEPRI:j.devries@regenboog");
    expect(rows.map((r) => [r.actor, r.schoolId, r.dataKind, r.action, r.personCount, r.personHash, r.outcome])).toEqual([
      ["adm@regenboog.example", OWN, "employees", "change", 1, hash, "served"],
      ["adm@regenboog.example", OWN, "employees", "change", 1, hash, "served"],
      ["adm@regenboog.example", OWN, "employees", "change", 1, hash, "served"],
    ]);
    expect(JSON.stringify(rows)).not.toContain("j.devries");
  });

  it("support (no employees.write) is refused and the attempt logged; the list is unchanged", async () => {
    const before = await count();
    expect((await post(addEmployee, "sup", OTHER, { employee: { userIdType: "NEPRI", userId: "x@y" }, name: "X" })).status).toBe(403);
    expect((await rowsSince(before)).map((r) => [r.schoolId, r.dataKind, r.action, r.personHash, r.outcome])).toEqual([
      [OTHER, "employees", "change", null, "refused"],
    ]);
  });
});
