import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as searchRoute from "@/app/api/search/route";
import { generateSchool } from "@/sandbox/data/generate";
import { SCHOOLS } from "@/sandbox/data/schools";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { saveKnownEmployee } from "@/lib/db/employees";
import { accessLog } from "@/lib/db/schema";
import type { SearchPerson } from "@/lib/contracts/search";
import { SourceError } from "@/lib/sources/errors";
import type { EduvClient } from "@/lib/sources/transport/client";
import { parseList } from "@/lib/sources/reading/parse-list";
import type { AnyOperation } from "@/lib/sources/operations/define";
import { loadSourcesConfig } from "@/lib/sources/config";
import { CSRF_HEADER } from "./route";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
process.env.LDB_REFERENCE_DATE = "2026-03-02";

/**
 * POST /api/search over a scripted LAS that sends the sandbox generator's pupils and enrollments of
 * OBS De Regenboog, where two pupils share a name: they come back told apart by group and year of birth.
 */
const OWN = "obs-de-regenboog";
const FOREIGN = "meridiaan-college";
const data = generateSchool(
  "leermiddelendashboard",
  SCHOOLS.find((s) => s.orgMasterId === "900A101")!,
  "demo",
);
const nameOf = (p: (typeof data.pupils)[number]) =>
  [p.preferredFirstName || p.givenName, p.familyNamePrefix, p.familyName].filter(Boolean).join(" ");
const twins = data.pupils.filter((p, _, all) => all.filter((q) => nameOf(q) === nameOf(p)).length === 2 && !p.leaver);
const shared = nameOf(twins[0]!);
const pair = data.pupils.filter((p) => nameOf(p) === shared);

let enrollmentsDown = false;
const client = {
  config: loadSourcesConfig(),
  async call(op: AnyOperation, sourceId: string) {
    const meta = { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 1000 };
    if (op.operationId === "get-enrollments-for-school") {
      if (enrollmentsDown) throw new SourceError("unreachable", sourceId, { detail: "down" });
      const { records, report } = parseList(op.item!, data.enrollments);
      return { records, report, meta };
    }
    const { records, report } = parseList(op.item!, data.students);
    return { records, report, meta };
  },
} as unknown as EduvClient;
vi.mock("@/lib/runtime/source-runtime", () => ({ getEduvRuntime: () => ({ client }) }));

const BASE = "http://localhost:3000";
const ACCOUNTS = { adm: `schooladmin:${OWN}`, sup: `support:${OWN}`, con: `consent:${OWN}`, aud: `auditor:${OWN}` } as const;
beforeAll(async () => {
  const { db } = await getStore();
  for (const [id, role] of Object.entries(ACCOUNTS)) {
    await db.insert(users).values({ id, email: `${id}@school.example`, idpRoles: [role] });
    await db.insert(sessions).values({ sessionToken: `tok-${id}`, userId: id, expires: new Date(Date.now() + 3_600_000) });
  }
  await saveKnownEmployee(db, { schoolId: OWN, userIdType: "ASI", userId: "MDW40417", name: `Docent ${shared}`, addedBy: "test" });
});
afterEach(() => {
  vi.restoreAllMocks();
  enrollmentsDown = false;
});

const ask = (who: keyof typeof ACCOUNTS, body: unknown, opts: { school?: string; method?: string } = {}) =>
  searchRoute.POST(
    new Request(`${BASE}/api/search?school=${opts.school ?? OWN}`, {
      method: opts.method ?? "POST",
      headers: { cookie: `ldb.session=tok-${who}`, [CSRF_HEADER]: "1", origin: BASE, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
type Answer = { people: SearchPerson[]; more: boolean };

function capture() {
  const lines: string[] = [];
  for (const method of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  const write = (chunk: unknown) => (lines.push(String(chunk)), true);
  vi.spyOn(process.stdout, "write").mockImplementation(write as never);
  vi.spyOn(process.stderr, "write").mockImplementation(write as never);
  return lines;
}

describe("POST /api/search", () => {
  it("has a shared name in the sandbox data to look for", () => {
    expect(pair).toHaveLength(2);
  });

  it("leaves the group out, rather than fail, when the enrollments cannot be read (first: nothing cached yet)", async () => {
    enrollmentsDown = true;
    const res = await ask("sup", { q: shared });
    expect(res.status).toBe(200);
    const pupils = ((await res.json()) as Answer).people.filter((p) => p.kind === "student");
    expect(pupils).toHaveLength(2);
    expect(pupils.every((p) => p.group === undefined && p.yearOfBirth !== undefined)).toBe(true);
  });

  it("is POST only: no GET, so nothing typed can be put in a URL", () => {
    expect(Object.keys(searchRoute).filter((k) => /^[A-Z]+$/.test(k))).toEqual(["POST"]);
  });

  it("answers the support desk and the school administrator; refuses the consent manager, the auditor and another school", async () => {
    expect((await ask("sup", { q: shared })).status).toBe(200);
    expect((await ask("adm", { q: shared })).status).toBe(200);
    expect((await ask("con", { q: shared })).status).toBe(403);
    expect((await ask("aud", { q: shared })).status).toBe(403);
    expect((await ask("sup", { q: shared }, { school: FOREIGN })).status).toBe(403);
  });

  it("tells two pupils of the same name apart by group and year of birth, and links the support desk to the usage page", async () => {
    const res = await ask("sup", { q: shared });
    const body = (await res.json()) as Answer;
    const pupils = body.people.filter((p) => p.kind === "student" && p.name === shared);
    expect(pupils).toHaveLength(2);
    expect(pupils.map((p) => p.yearOfBirth).sort()).toEqual(pair.map((p) => Number(p.dateOfBirth.slice(0, 4))).sort());
    for (const p of pupils) {
      expect(p.group).toMatch(/^so-900A101-/);
      expect(p.href).toBe(`/licentiegebruik?studentKey=${p.key}`);
    }
    const [a, b] = pupils as [SearchPerson, SearchPerson];
    expect(a.key).not.toBe(b.key);
    expect(a.maskedId).not.toBe(b.maskedId);
    expect(`${a.group} ${a.yearOfBirth}`).not.toBe(`${b.group} ${b.yearOfBirth}`);
    const employee = body.people.find((p) => p.kind === "employee")!;
    expect(employee).toMatchObject({ name: `Docent ${shared}`, href: "/licentiegebruik" });
  });

  it("links the school administrator to the pupil's page and the employee list", async () => {
    const body = (await (await ask("adm", { q: shared })).json()) as Answer;
    for (const p of body.people.filter((p) => p.kind === "student")) expect(p.href).toBe(`/leerlingen/${p.key}`);
    expect(body.people.find((p) => p.kind === "employee")!.href).toBe("/medewerkers");
  });

  it("finds a pupil by a whole identifier of the LAS, and an employee by the whole identifier", async () => {
    const record = data.students.find((s) => s.userMasterIdentifier === pair[0]!.eck) as {
      userIds: Array<{ userId: string; userIdType: string }>;
    };
    const asi = record.userIds.find((u) => u.userIdType === "ASI")!.userId;
    const byAsi = (await (await ask("sup", { q: asi })).json()) as Answer;
    expect(byAsi.people.filter((p) => p.kind === "student").map((p) => p.name)).toEqual([shared]);
    const byId = (await (await ask("sup", { q: "MDW40417" })).json()) as Answer;
    expect(byId.people.map((p) => p.kind)).toEqual(["employee"]);
  });

  it("puts nothing of the query or the answer's names in a log line, a URL or the access log; logs the search as a list read", async () => {
    const { db } = await getStore();
    const before = (await db.select().from(accessLog)).length;
    const lines = capture();
    const res = await ask("sup", { q: shared });
    const body = (await res.json()) as Answer;
    vi.restoreAllMocks();
    const all = lines.join("\n");
    expect(all).not.toContain(shared);
    expect(all).not.toContain(pair[0]!.familyName);
    expect(all).not.toContain(pair[0]!.eck);
    for (const p of body.people) {
      expect(p.href).not.toContain(pair[0]!.familyName);
      expect(p.href).not.toMatch(/ketenid|eck|@/i);
    }
    const rows = (await db.select().from(accessLog)).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      dataKind: "students",
      action: "list",
      outcome: "served",
      schoolId: OWN,
      personCount: body.people.length,
    });
    expect(JSON.stringify(rows)).not.toContain(pair[0]!.familyName);
  });

  it("refuses a search of fewer than 2 or more than 100 characters", async () => {
    expect((await ask("sup", { q: "F" })).status).toBe(400);
    expect((await ask("sup", { q: "x".repeat(101) })).status).toBe(400);
  });
});
