import { beforeAll, describe, expect, it, vi } from "vitest";
import * as studentsRoute from "@/app/api/students/route";
import { generateSchool } from "@/sandbox/data/generate";
import { SCHOOLS } from "@/sandbox/data/schools";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { accessLog } from "@/lib/db/schema";
import type { EduvClient } from "@/lib/sources/transport/client";
import { parseList } from "@/lib/sources/reading/parse-list";
import type { AnyOperation } from "@/lib/sources/operations/define";
import { loadSourcesConfig } from "@/lib/sources/config";
import { CSRF_HEADER } from "./route";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

/**
 * POST /api/students over a scripted LAS that sends the sandbox generator's 204 pupils of OBS De
 * Regenboog: the search, paging, sort and Source filters all travel in the body, none in the URL.
 */
const data = generateSchool(
  "leermiddelendashboard",
  SCHOOLS.find((s) => s.orgMasterId === "900A101")!,
  "demo",
);
const queries: Array<Record<string, unknown>> = [];
const client = {
  config: loadSourcesConfig(),
  async call(op: AnyOperation, sourceId: string, input: { query?: Record<string, unknown> }) {
    queries.push(input.query ?? {});
    const { records, report } = parseList(op.item!, data.students);
    return { records, report, meta: { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 1000 } };
  },
} as unknown as EduvClient;
vi.mock("@/lib/runtime/source-runtime", () => ({ getEduvRuntime: () => ({ client }) }));

const BASE = "http://localhost:3000";
beforeAll(async () => {
  const { db } = await getStore();
  await db.insert(users).values({ id: "adm", email: "adm@obsderegenboog.example", idpRoles: ["schooladmin:obs-de-regenboog"] });
  await db.insert(sessions).values({ sessionToken: "tok-adm", userId: "adm", expires: new Date(Date.now() + 3_600_000) });
});

const headers = { cookie: "ldb.session=tok-adm", [CSRF_HEADER]: "1", origin: BASE, "content-type": "application/json" };
const post = (body: unknown, query = "") =>
  studentsRoute.POST(new Request(`${BASE}/api/students${query}`, { method: "POST", headers, body: JSON.stringify(body) }));
type Page = { total: number; page: number; pageSize: number; rows: Array<{ name: string; familyName: string; givenName: string }> };

describe("POST /api/students: the name search in the body", () => {
  it("has no GET any more: a search can no longer be put in a URL", () => {
    expect(Object.keys(studentsRoute)).not.toContain("GET");
  });

  it("finds the pupils whose name holds the search text, from the body", async () => {
    const pupil = data.pupils[17]!;
    // The oracle: the generator's own pupils, matched on given and family name (case-insensitive).
    const needle = pupil.familyName.slice(0, 4).toLowerCase();
    const expected = data.pupils.filter((p) =>
      `${p.givenName} ${p.preferredFirstName ?? ""} ${p.familyName}`.toLowerCase().includes(needle),
    ).length;
    const res = await post({ q: pupil.familyName.slice(0, 4).toUpperCase(), pageSize: 200 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Page;
    expect(body.total).toBe(expected);
    expect(body.total).toBeGreaterThan(0);
    expect(body.rows.every((r) => `${r.name} ${r.givenName} ${r.familyName}`.toLowerCase().includes(needle))).toBe(true);
    expect(body.rows.map((r) => r.givenName)).toContain(pupil.givenName);
  });

  it("pages and sorts from the body: page 3 of 10 by family name, descending", async () => {
    const body = (await (await post({ sort: "familyName", dir: "desc", page: 3, pageSize: 10 })).json()) as Page;
    expect(body).toMatchObject({ total: 204, page: 3, pageSize: 10 });
    expect(body.rows).toHaveLength(10);
    const names = body.rows.map((r) => r.familyName);
    expect([...names].sort((a, b) => b.localeCompare(a, "nl"))).toEqual(names);
  });

  it("passes the Source filters from the body on to the LAS", async () => {
    queries.length = 0;
    await post({ subjectOfferingId: "sub-900A101-en-groep7-2526", schoolPeriodId: "2025-2026" });
    expect(queries.at(-1)).toMatchObject({ subjectOfferingId: "sub-900A101-en-groep7-2526", schoolPeriodId: "2025-2026" });
  });

  it("refuses a search (or anything but the school) in the query string: 400, and nothing is read or logged", async () => {
    const { db } = await getStore();
    const before = (await db.select().from(accessLog)).length;
    queries.length = 0;
    const res = await post({}, "?q=jansen");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_input");
    expect(queries).toEqual([]);
    expect((await db.select().from(accessLog)).length).toBe(before);
    expect((await post({}, "?school=obs-de-regenboog")).status).toBe(200);
  });

  it("refuses a body of the wrong shape: a search over 100 characters, a page of 0, unknown fields", async () => {
    for (const body of [{ q: "x".repeat(101) }, { page: 0 }, { name: "jansen" }, { pageSize: "50" }]) {
      expect([JSON.stringify(body).slice(0, 30), (await post(body)).status]).toEqual([JSON.stringify(body).slice(0, 30), 400]);
    }
  });
});
