import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ACTIONS, ROLES, type Role } from "@/lib/auth/permissions";
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
  handler(new Request(`${BASE}/x?school=${school}`, {
    method,
    headers: { cookie: `ldb.session=tok-${who}`, [CSRF_HEADER]: "1", origin: BASE, ...(method === "GET" ? {} : { "content-type": "application/json" }) },
    body: method === "GET" ? undefined : "{}",
  }));

/** The routes that read (or change) persons' data: a refusal there is written to the access log. Written out by hand. */
const AUDITED = new Set([
  "POST /api/students", "POST /api/students/export", "GET /api/students/detail", "POST /api/students/reveal",
  "GET /api/enrollments", "POST /api/enrollments/export", "POST /api/assignments", "POST /api/assignments/export",
  "GET /api/employees", "POST /api/employees", "POST /api/employees/remove",
  "POST /api/usage", "POST /api/usage/people", "POST /api/usage/diagnose", "POST /api/usage/coverage", "POST /api/usage/coverage/export",
  "GET /api/access-log",
]);

const refusedRows = async () => (await (await getStore()).db.select().from(accessLog)).filter((r) => r.outcome === "refused");

// The expectation comes from the permission table (itself tested case by case in
// lib/auth/permissions.test.ts); what this checks is that each handler enforces it, for its school.
describe("authorization matrix: every role × every route × own and foreign school, handlers called directly", () => {
  it("serves exactly what the permission table allows: 0 leaks, 0 wrongful refusals; each refusal of a person-data route logged once", async () => {
    let cases = 0;
    let logged = 0;
    const leaks: string[] = [];
    const refusals: string[] = [];
    const logMismatches: string[] = [];
    for (const route of ROUTE_TABLE) {
      const handler = await handlerFor(route);
      expect(handler, `${route.method} ${route.path} is exported`).toBeTypeOf("function");
      for (const who of PEOPLE) {
        for (const school of [OWN, FOREIGN]) {
          cases++;
          const allowed = who !== "none" && school === OWN && (ACTIONS[route.action] as readonly string[]).includes(who);
          const before = (await refusedRows()).length;
          const res = await call(handler, route.method, who, school);
          const served = res.status !== 401 && res.status !== 403;
          if (served && !allowed) leaks.push(`${who} ${route.method} ${route.path} @${school} → ${res.status}`);
          if (!served && allowed) refusals.push(`${who} ${route.method} ${route.path} @${school} → ${res.status}`);
          // Both schools are served by the dashboard, so a refusal at either is logged there.
          const rows = (await refusedRows()).slice(before);
          const expected = res.status === 403 && AUDITED.has(`${route.method} ${route.path}`) ? 1 : 0;
          if (rows.length !== expected) logMismatches.push(`${who} ${route.method} ${route.path} @${school}: ${rows.length} refused rows, expected ${expected}`);
          for (const row of rows) {
            logged++;
            if (row.schoolId !== school || row.actor !== `${who}@school.example` || row.personHash !== null || row.personCount !== 0) logMismatches.push(`${who} ${route.path}: ${JSON.stringify(row)}`);
          }
        }
      }
    }
    console.log(`authorization matrix: ${cases} cases (${ROUTE_TABLE.length} routes × ${PEOPLE.length} roles × 2 schools), ${leaks.length} leaks, ${logged} refusals logged`);
    expect(leaks).toEqual([]);
    expect(refusals).toEqual([]);
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
    await db.insert(users).values({ id: "leaver", email: "leaver@school.example", idpRoles: [`auditor:${OWN}`, `schooladmin:${OWN}`, `support:${OWN}`, `consent:${OWN}`] });
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
  const good = { cookie: "ldb.session=tok-schooladmin", [CSRF_HEADER]: "1", origin: BASE, "sec-fetch-site": "same-origin", "content-type": "application/json" };
  const put = (headers: Record<string, string>, body = '{"a":1}') => route.PUT(new Request(`${BASE}/x?school=${OWN}`, { method: "PUT", headers, body }));

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
