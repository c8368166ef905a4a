import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ACTIONS, ROLES, type Action, type Role } from "@/lib/auth/permissions";
import { getStore } from "@/lib/db/client";
import { sessions, users } from "@/lib/db/auth-schema";
import { accessLog } from "@/lib/db/schema";
import { CSRF_HEADER, staffRoute } from "./route";
import { PUBLIC_ROUTES, ROUTE_TABLE } from "./route-table";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const OWN = "obs-de-regenboog";
const FOREIGN = "meridiaan-college";
const BASE = "http://localhost:3000";
const PEOPLE: Array<Role | "none"> = [...ROLES, "none"];

beforeAll(async () => {
  const { db } = await getStore();
  for (const who of PEOPLE) {
    await db.insert(users).values({ id: who, email: `${who}@school.example`, idpRoles: who === "none" ? [] : [`${who}:${OWN}`] });
    await db.insert(sessions).values({ sessionToken: `tok-${who}`, userId: who, expires: new Date(Date.now() + 3_600_000) });
  }
});

type Handler = (req: Request) => Promise<Response>;
const handlerFor = async (route: (typeof ROUTE_TABLE)[number]): Promise<Handler> =>
  ((await import(`@/app${route.path}/route`)) as Record<string, Handler>)[route.method]!;

const call = (handler: Handler, method: string, who: string, school: string) =>
  handler(
    new Request(`${BASE}/x?school=${school}`, {
      method,
      headers: {
        cookie: `ldb.session=tok-${who}`,
        [CSRF_HEADER]: "1",
        origin: BASE,
        ...(method === "GET" ? {} : { "content-type": "application/json" }),
      },
      body: method === "GET" ? undefined : "{}",
    }),
  );

/** The routes that read (or change) persons' data: a refusal there is written to the access log. Written out by hand. */
const AUDITED = new Set([
  "POST /api/students",
  "POST /api/students/export",
  "GET /api/students/detail",
  "POST /api/students/reveal",
  "GET /api/students/avg",
  "GET /api/enrollments",
  "POST /api/enrollments/export",
  "POST /api/employees/assignments",
  "POST /api/employees/assignments/export",
  "GET /api/employees",
  "POST /api/employees",
  "POST /api/employees/remove",
  "POST /api/usage",
  "POST /api/usage/people",
  "POST /api/usage/diagnose",
  "POST /api/usage/coverage",
  "POST /api/usage/coverage/export",
  "POST /api/search",
  "GET /api/access-log",
  "GET /api/data-quality",
  "POST /api/data-quality/export",
  "GET /api/data-quality/scan",
  "POST /api/data-quality/scan",
  "POST /api/data-quality/mass-change/accept",
]);

const refusedRows = async () => (await (await getStore()).db.select().from(accessLog)).filter((r) => r.outcome === "refused");

/**
 * Who may do what at their own school, written out by hand from what each role is for (README: school
 * administrators browse students, enrollments and teacher assignments and keep the employee list;
 * the support desk looks up licence usage; both see the data-quality checks (issue 25), and only the school administrator accepts
 * a mass change of the school's LAS lists; consent managers handle consent requests; the auditor
 * reads the access log and a pupil's AVG record (issue 25; issue 27 adds the privacy officer); everyone
 * sees the Sources page). Not read from ACTIONS: the routes are held to this table, and a separate
 * test holds ACTIONS to it.
 */
const Y = true;
const _ = false;
const COLUMNS = ["schooladmin", "support", "consent", "auditor"] as const;
const MAY: Record<Action, readonly [boolean, boolean, boolean, boolean]> = {
  //                  schooladmin support consent auditor
  "students.read": [Y, _, _, _],
  "enrollments.read": [Y, _, _, _],
  "assignments.read": [Y, _, _, _],
  "employees.write": [Y, _, _, _],
  "usage.read": [Y, Y, _, _],
  "people.search": [Y, Y, _, _],
  "dataquality.read": [Y, Y, _, _],
  "dataquality.accept": [Y, _, _, _],
  "consent.read": [_, _, Y, _],
  "consent.write": [_, _, Y, _],
  "accesslog.read": [_, _, _, Y],
  "students.avg": [_, _, _, Y],
  "sources.read": [Y, Y, Y, Y],
  "roles.grant": [Y, _, _, _],
};
const mayDo = (who: Role | "none", action: Action) => who !== "none" && MAY[action][COLUMNS.indexOf(who)]!;

/** The action each route serves, by hand from what the route does (its page, its data). */
const NEEDS: Record<string, Action> = {
  "GET /api/sources": "sources.read",
  "GET /api/sources/contract-report": "sources.read",
  "GET /api/access-log": "accesslog.read",
  "POST /api/students": "students.read",
  "POST /api/students/export": "students.read",
  "GET /api/students/detail": "students.read",
  "POST /api/students/reveal": "students.read",
  "GET /api/students/avg": "students.avg",
  "GET /api/enrollments": "enrollments.read",
  "GET /api/enrollments/options": "enrollments.read",
  "POST /api/enrollments/export": "enrollments.read",
  "POST /api/employees/assignments": "assignments.read",
  "POST /api/employees/assignments/export": "assignments.read",
  "GET /api/employees": "assignments.read",
  "POST /api/employees": "employees.write",
  "POST /api/employees/remove": "employees.write",
  "POST /api/usage": "usage.read",
  "POST /api/usage/people": "usage.read",
  "GET /api/usage/options": "usage.read",
  "POST /api/usage/diagnose": "usage.read",
  "POST /api/usage/coverage": "usage.read",
  "POST /api/usage/coverage/export": "usage.read",
  "GET /api/consent": "consent.read",
  "POST /api/consent": "consent.write",
  "POST /api/consent/send": "consent.write",
  "GET /api/consent/history": "consent.read",
  "POST /api/consent/withdraw": "consent.write",
  "POST /api/consent/check": "consent.read",
  "POST /api/search": "people.search",
  "GET /api/data-quality": "dataquality.read",
  "POST /api/data-quality/export": "dataquality.read",
  "GET /api/data-quality/scan": "dataquality.read",
  "POST /api/data-quality/scan": "dataquality.read",
  "POST /api/data-quality/scan/cancel": "dataquality.read",
  "GET /api/data-quality/mass-change": "dataquality.read",
  "POST /api/data-quality/mass-change/accept": "dataquality.accept",
};

describe("the hand-written tables against the code's", () => {
  it("ACTIONS, the table can() reads, gives each role exactly what the hand table does", () => {
    expect([...COLUMNS].sort()).toEqual([...ROLES].sort());
    expect(Object.keys(ACTIONS).sort()).toEqual(Object.keys(MAY).sort());
    const differ: string[] = [];
    for (const action of Object.keys(MAY) as Action[]) {
      for (const role of ROLES) {
        const code = (ACTIONS[action] as readonly string[]).includes(role);
        if (code !== mayDo(role, action))
          differ.push(`${role} ${action}: ACTIONS ${code ? "allows" : "refuses"}, the hand table ${code ? "refuses" : "allows"}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it("ROUTE_TABLE names the same routes, each with the action the hand table gives it", () => {
    expect(Object.fromEntries(ROUTE_TABLE.map((r) => [`${r.method} ${r.path}`, r.action]))).toEqual(NEEDS);
  });
});

// What this checks is that each handler enforces the hand tables, for its school: refused is 403 (and
// 401 never, the sessions are live); allowed is anything but 401 and 403.
describe("authorization matrix: every role × every route × own and foreign school, handlers called directly", () => {
  it("serves exactly what the hand table allows: 0 leaks, 0 wrongful refusals; each refusal of a person-data route logged once", async () => {
    let cases = 0;
    let logged = 0;
    const leaks: string[] = [];
    const refusals: string[] = [];
    const failures: string[] = [];
    const logMismatches: string[] = [];
    for (const route of ROUTE_TABLE) {
      const name = `${route.method} ${route.path}`;
      const handler = await handlerFor(route);
      expect(handler, `${name} is exported`).toBeTypeOf("function");
      expect(NEEDS[name], `${name} is in the hand table of routes`).toBeDefined();
      for (const who of PEOPLE) {
        for (const school of [OWN, FOREIGN]) {
          cases++;
          const allowed = school === OWN && mayDo(who, NEEDS[name]!);
          const before = (await refusedRows()).length;
          const res = await call(handler, route.method, who, school);
          const served = res.status !== 401 && res.status !== 403;
          if (!allowed && res.status !== 403) leaks.push(`${who} ${name} @${school} → ${res.status}, expected 403`);
          if (!served && allowed) refusals.push(`${who} ${name} @${school} → ${res.status}`);
          // A 500 is the dashboard's own failure (an answer straying from its contract is one): never a pass.
          if (res.status === 500) failures.push(`${who} ${name} @${school} → 500`);
          // Both schools are served by the dashboard, so a refusal at either is logged there.
          const rows = (await refusedRows()).slice(before);
          const expected = res.status === 403 && AUDITED.has(name) ? 1 : 0;
          if (rows.length !== expected) logMismatches.push(`${who} ${name} @${school}: ${rows.length} refused rows, expected ${expected}`);
          for (const row of rows) {
            logged++;
            if (row.schoolId !== school || row.actor !== `${who}@school.example` || row.personHash !== null || row.personCount !== 0)
              logMismatches.push(`${who} ${route.path}: ${JSON.stringify(row)}`);
          }
        }
      }
    }
    console.log(
      `authorization matrix: ${cases} cases (${ROUTE_TABLE.length} routes × ${PEOPLE.length} roles × 2 schools), ${leaks.length} leaks, ${refusals.length} wrongful refusals, ${logged} refusals logged`,
    );
    expect(leaks, "answered other than 403 where the hand table refuses").toEqual([]);
    expect(refusals, "refused where the hand table allows").toEqual([]);
    expect(failures, "the dashboard's own failure (500)").toEqual([]);
    expect(logMismatches).toEqual([]);
    expect(cases).toBe(ROUTE_TABLE.length * PEOPLE.length * 2);
  }, 120_000);

  it("covers every route file under app/api", () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (entry === "route.ts") found.push("/" + path.relative("app", path.dirname(full)).split(path.sep).join("/"));
      }
    };
    walk("app/api");
    const known = new Set([...ROUTE_TABLE.map((r) => r.path), ...Object.keys(PUBLIC_ROUTES)]);
    expect(found.filter((p) => !known.has(p))).toEqual([]);
  });
});

describe("sessions that ended serve nothing", () => {
  it("a signed-out session's cookie replayed: 401 on every route", async () => {
    const { db } = await getStore();
    await db.insert(users).values({
      id: "leaver",
      email: "leaver@school.example",
      idpRoles: [`auditor:${OWN}`, `schooladmin:${OWN}`, `support:${OWN}`, `consent:${OWN}`],
    });
    await db.insert(sessions).values({ sessionToken: "tok-leaver", userId: "leaver", expires: new Date(Date.now() + 3_600_000) });
    await db.delete(sessions).where(eq(sessions.sessionToken, "tok-leaver")); // what sign-out does
    for (const route of ROUTE_TABLE) expect((await call(await handlerFor(route), route.method, "leaver", OWN)).status).toBe(401);
  });

  it("a disabled account's live session fails on its next request", async () => {
    const { db } = await getStore();
    const route = ROUTE_TABLE.find((r) => r.action === "accesslog.read")!;
    expect((await call(await handlerFor(route), route.method, "auditor", OWN)).status).toBe(200);
    await db.update(users).set({ active: 0 }).where(eq(users.id, "auditor"));
    expect((await call(await handlerFor(route), route.method, "auditor", OWN)).status).toBe(401);
  });
});

describe("forged unsafe requests are refused before any Source is called", () => {
  const source = vi.fn(async () => ({ ok: true }));
  const route = { PUT: staffRoute({ action: "students.read", body: z.object({ a: z.int() }) }, async () => ({ json: await source() })) };
  const good = {
    cookie: "ldb.session=tok-schooladmin",
    [CSRF_HEADER]: "1",
    origin: BASE,
    "sec-fetch-site": "same-origin",
    "content-type": "application/json",
  };
  const put = (headers: Record<string, string>, body = '{"a":1}') =>
    route.PUT(new Request(`${BASE}/x?school=${OWN}`, { method: "PUT", headers, body }));

  it.each([
    ["no custom header", { ...good, [CSRF_HEADER]: "" }],
    ["a foreign Origin", { ...good, origin: "https://evil.example" }],
    ["a cross-site fetch", { ...good, "sec-fetch-site": "cross-site" }],
    ["a text/plain body", { ...good, "content-type": "text/plain" }],
  ])("%s", async (_label, headers) => {
    expect((await put(headers)).status).toBe(403);
    expect(source).not.toHaveBeenCalled();
  });

  it("GET instead of PUT: the route exports no GET, so Next answers 405", () => {
    expect((route as Record<string, unknown>).GET).toBeUndefined();
  });

  it("the genuine request passes", async () => {
    expect((await put(good)).status).toBe(200);
    expect(source).toHaveBeenCalledTimes(1);
  });
});
