import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as studentDetail } from "@/app/api/students/detail/route";
import { POST as coverageRoute } from "@/app/api/usage/coverage/route";
import { POST as diagnoseRoute } from "@/app/api/usage/diagnose/route";
import { POST as usageRoute } from "@/app/api/usage/route";
import { generateSchool, subjectOfferingId } from "@/sandbox/data/generate";
import { SCHOOLS } from "@/sandbox/data/schools";
import { entitlementsFor, usageAnswer } from "@/sandbox/data/usage";
import { corrupt } from "@/sandbox/knobs";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import type { EduvClient } from "@/lib/sources/transport/client";
import { SourceError } from "@/lib/sources/errors";
import { parseList } from "@/lib/sources/reading/parse-list";
import { getUserUsage, listEnrollments, listStudents } from "@/lib/sources/operations";
import type { AnyOperation } from "@/lib/sources/operations/define";
import { loadSourcesConfig } from "@/lib/sources/config";
import { studentKey } from "@/lib/features/students/students";
import { CSRF_HEADER } from "./route";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
process.env.LDB_REFERENCE_DATE = "2026-03-02"; // the sandbox data describe school year 2025-2026

/**
 * The usage, diagnose, coverage and student detail routes over a scripted Source client: the
 * Sources' raw answers come from the sandbox's own generator and are read by the client's lenient
 * parser, so the routes meet what a Source sends, while each test decides which Source fails.
 */
const SEED = "leermiddelendashboard";
const data = generateSchool(
  SEED,
  SCHOOLS.find((s) => s.orgMasterId === "900B201")!,
  "demo",
);
type Json = Record<string, unknown>;
// The LAS sends this pupil's record without givenName (the sandbox's invalidRecords corruption).
const broken = data.pupils.find((p) => !p.leaver && entitlementsFor(SEED, "lr-a", data.school, { pupil: p }).length > 0)!;
const students = data.students.map((s) => ((s as Json).userMasterIdentifier === broken.eck ? corrupt(s as Json) : s));
const fine = data.pupils.find(
  (p) =>
    p !== broken && !p.leaver && p.className === broken.className && entitlementsFor(SEED, "lr-a", data.school, { pupil: p }).length > 0,
)!;

type UsageScript = (sourceId: string, eck: string) => unknown[] | SourceError;
let usage: UsageScript = () => [];
const healthy: UsageScript = (sourceId, eck) => {
  if (sourceId === "am") return new SourceError("method_not_allowed", "am", { httpStatus: 405 });
  const pupil = data.pupils.find((p) => p.eck === eck)!;
  const items = entitlementsFor(SEED, sourceId as "lr-a" | "lr-b", data.school, { pupil });
  return items.length
    ? [usageAnswer(data.school, { userMasterIdentifier: eck }, items)]
    : new SourceError("not_found", sourceId, { httpStatus: 404 });
};

const client = {
  config: loadSourcesConfig(),
  async call(
    op: AnyOperation,
    sourceId: string,
    input: { query?: Json; body?: Json; onInvalid?: (item: unknown, paths: readonly string[]) => void },
  ) {
    let raw: unknown[] | SourceError;
    if (op.operationId === listStudents.operationId) raw = students;
    else if (op.operationId === listEnrollments.operationId)
      raw = data.enrollments.filter((e) => !input.query?.subjectOfferingId || (e as Json).subject === input.query.subjectOfferingId);
    else if (op.operationId === getUserUsage.operationId)
      raw = usage(sourceId, ((input.body as Json).user as Json).userMasterIdentifier as string);
    else throw new SourceError("not_configured", sourceId);
    if (raw instanceof SourceError) throw raw;
    const { records, report } = parseList(op.item!, raw, { onInvalid: input.onInvalid });
    return { records, report, meta: { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 1000 } };
  },
} as unknown as EduvClient;
vi.mock("@/lib/runtime/source-runtime", () => ({ getEduvRuntime: () => ({ client }) }));

const BASE = "http://localhost:3000";
beforeAll(async () => {
  const { db } = await getStore();
  await db.insert(users).values({ id: "adm", email: "adm@meridiaan.example", idpRoles: ["schooladmin:meridiaan-college"] });
  await db.insert(sessions).values({ sessionToken: "tok-adm", userId: "adm", expires: new Date(Date.now() + 3_600_000) });
});
beforeEach(() => {
  usage = healthy;
});

const headers = (lang?: "en") => ({
  cookie: `ldb.session=tok-adm${lang ? "; ldb.lang=en" : ""}`,
  [CSRF_HEADER]: "1",
  origin: BASE,
  "content-type": "application/json",
});
const ROUTES: Record<string, (r: Request) => Promise<Response>> = {
  "/api/usage": usageRoute,
  "/api/usage/diagnose": diagnoseRoute,
  "/api/usage/coverage": coverageRoute,
};
const post = (path: string, body: unknown, lang?: "en") =>
  ROUTES[path]!(new Request(`${BASE}${path}`, { method: "POST", headers: headers(lang), body: JSON.stringify(body) }));
const detail = (key: string, lang?: "en") =>
  studentDetail(new Request(`${BASE}/api/students/detail?key=${key}`, { headers: headers(lang) }));
type ErrorBody = { error: { code: string; message: string; fields?: string[]; sourceId?: string } };

describe("a pupil whose LAS record was sent but could not be read is not 'not found'", () => {
  it("GET /api/students/detail: 502 unreadable_record with the field, in Dutch and English; an unknown key stays 404", async () => {
    const res = await detail(studentKey(broken.eck));
    expect(res.status).toBe(502);
    const body = (await res.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: "unreadable_record", sourceId: "las-b", fields: ["givenName"] });
    expect(body.error.message).toContain("kon niet worden gelezen: veld givenName");
    expect(body.error.message).not.toContain("Niet gevonden");
    expect(JSON.stringify(body)).not.toContain(broken.familyName);
    expect(((await (await detail(studentKey(broken.eck), "en")).json()) as ErrorBody).error.message).toContain(
      "could not be read: field givenName",
    );
    expect((await detail("0".repeat(32))).status).toBe(404);
  });

  it("POST /api/usage and /api/usage/diagnose by student key: 502 unreadable_record", async () => {
    for (const path of ["/api/usage", "/api/usage/diagnose"]) {
      const res = await post(path, {
        studentKey: studentKey(broken.eck),
        ...(path.endsWith("diagnose") ? { productId: "9789001001013" } : {}),
      });
      expect([path, res.status, ((await res.json()) as ErrorBody).error.code]).toEqual([path, 502, "unreadable_record"]);
    }
  });
});

type UsageBody = {
  totals: Record<string, number>;
  scope: { counted: string[]; notCounted: string[]; withoutEntitlements: string[] };
  ageSeconds: number;
  registries: Array<{
    sourceId: string;
    status: string;
    message?: string;
    fields?: string[];
    retryAt?: string;
    totals?: object;
    leftOutItems?: { count: number };
  }>;
  entitlements: Array<{ productId?: string; meaning: string; otherFields?: string[][] }>;
};

describe("POST /api/usage says which registries its answer rests on", () => {
  const expectedA = entitlementsFor(SEED, "lr-a", data.school, { pupil: fine });

  it("one registry down: its reason named, the other's totals alone counted, the Aanspraakmanager's 405 neither", async () => {
    usage = (sourceId, eck) =>
      sourceId === "lr-b" ? new SourceError("server_error", "lr-b", { httpStatus: 500 }) : healthy(sourceId, eck);
    const res = await post("/api/usage", { studentKey: studentKey(fine.eck), refresh: true });
    expect(res.status).toBe(200);
    const body = (await res.json()) as UsageBody;
    expect(body.registries.map((r) => [r.sourceId, r.status])).toEqual([
      ["lr-a", "ok"],
      ["lr-b", "server_error"],
      ["am", "method_not_allowed"],
    ]);
    expect(body.registries[1]).toMatchObject({ message: "De bron meldt een storing." });
    expect(body.registries[1]!.totals).toBeUndefined();
    expect(body.scope).toEqual({
      counted: ["Licentieregistratie Uitgeverij Meridiaan"],
      notCounted: ["Licentieregistratie Uitgeverij Kompas"],
      withoutEntitlements: [],
    });
    expect(body.totals.licensed).toBe(expectedA.filter((e) => e.entitlementStatus === "licensed").length);
    expect(body.ageSeconds).toBe(0);
  });

  it("an unreadable record and a busy registry: each in its own words, neither counted", async () => {
    const retryAt = Date.UTC(2026, 2, 2, 13, 7, 0);
    usage = (sourceId, eck) =>
      sourceId === "lr-a"
        ? [corrupt(usageAnswer(data.school, { userMasterIdentifier: eck }, expectedA))]
        : sourceId === "lr-b"
          ? new SourceError("busy", "lr-b", { httpStatus: 429, retryAt })
          : healthy(sourceId, eck);
    const body = (await (await post("/api/usage", { studentKey: studentKey(fine.eck), refresh: true })).json()) as UsageBody;
    expect(body.registries[0]).toMatchObject({
      status: "unreadable",
      fields: ["user"],
      message: "De bron stuurde het record van deze persoon, maar het kon niet worden gelezen: veld user.",
    });
    expect(body.registries[1]).toMatchObject({
      status: "busy",
      retryAt: new Date(retryAt).toISOString(),
      message: "De bron is druk; volgende poging om 14:07:00.",
    });
    expect(body.scope.counted).toEqual([]);
    expect(body.entitlements).toEqual([]);
  });

  it("an item of another shape is kept with what it carries; an item that cannot be read is counted", async () => {
    usage = (sourceId, eck) => {
      if (sourceId !== "lr-a") return healthy(sourceId, eck);
      const items: unknown[] = [...expectedA];
      items[0] = { ean: expectedA[0]!.productId, status: "active", title: expectedA[0]!.productTitle };
      items.push({ ...expectedA[0], startDate: "2025-02-31" });
      return [{ ...usageAnswer(data.school, { userMasterIdentifier: eck }, expectedA), entitlements: items }];
    };
    const body = (await (await post("/api/usage", { studentKey: studentKey(fine.eck), refresh: true })).json()) as UsageBody;
    const odd = body.entitlements.find((e) => e.productId === undefined)!;
    expect(odd).toMatchObject({
      meaning: "unknown",
      otherFields: [
        ["ean", expectedA[0]!.productId],
        ["status", "active"],
        ["title", expectedA[0]!.productTitle],
      ],
    });
    expect(body.registries[0]).toMatchObject({ status: "ok", leftOutItems: { count: 1, paths: { "entitlements[].startDate": 1 } } });
    // The registry's own totals stand: they count the item as it was before it changed shape.
    expect(body.totals.licensed).toBe(
      expectedA.filter((e) => e.entitlementStatus === "licensed").length +
        entitlementsFor(SEED, "lr-b", data.school, { pupil: fine }).filter((e) => e.entitlementStatus === "licensed").length,
    );
  });

  it("the diagnosis names the registry that did not answer instead of concluding from its silence", async () => {
    // A pupil not asked about before: the diagnosis uses kept answers, and a kept one of lr-a would stand.
    const other = data.pupils.find((p) => p !== fine && p !== broken && !p.leaver && p.className !== broken.className)!;
    usage = (sourceId, eck) => (sourceId === "lr-a" ? new SourceError("timeout", "lr-a") : healthy(sourceId, eck));
    const res = await post("/api/usage/diagnose", { studentKey: studentKey(other.eck), productId: expectedA[0]!.productId });
    const body = (await res.json()) as { steps: Array<{ step: string; result: string }>; conclusion: string };
    expect(body.steps.find((s) => s.step === "entitlement")?.result).toBe("unknown");
    expect(body.conclusion).toContain("Licentieregistratie Uitgeverij Meridiaan (De bron antwoordde niet op tijd)");
    expect(body.conclusion).not.toMatch(/bestellen/);
  });
});

describe("POST /api/usage/coverage", () => {
  const offering = subjectOfferingId(data.school, "ne", broken.className);
  const inClass = data.pupils.filter((p) => p.className === broken.className);
  const run = async (body: object) => {
    const text = await (await post("/api/usage/coverage", { subjectOfferingId: offering, refresh: true, ...body })).text();
    const lines = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; coverage?: Json });
    return lines.find((l) => l.type === "result")!.coverage as {
      unreadableInLas: { count: number; fields: string[] };
      notInLas: number;
      asked: number;
      dataAgeSeconds: number;
      oldestAnswerAt: string;
      registries: Array<{ sourceId: string; answered: number; asked: number; percent: number; complete: boolean }>;
      conclusions: { from: string[]; others: string[] } | null;
    };
  };

  it("one registry down: its share (0 %), conclusions only from the other; the unreadable LAS record named, not 'not in the LAS'", async () => {
    usage = (sourceId, eck) => (sourceId === "lr-b" ? new SourceError("server_error", "lr-b") : healthy(sourceId, eck));
    const c = await run({});
    expect(c.unreadableInLas).toEqual({ count: 1, fields: ["givenName"] });
    expect(c.notInLas).toBe(0);
    expect(c.asked).toBe(inClass.length - 1);
    expect(c.registries).toEqual([
      {
        sourceId: "lr-a",
        sourceName: "Licentieregistratie Uitgeverij Meridiaan",
        answered: inClass.length - 1,
        asked: inClass.length - 1,
        percent: 100,
        complete: true,
      },
      {
        sourceId: "lr-b",
        sourceName: "Licentieregistratie Uitgeverij Kompas",
        answered: 0,
        asked: inClass.length - 1,
        percent: 0,
        complete: false,
      },
    ]);
    expect(c.conclusions).toMatchObject({
      from: ["Licentieregistratie Uitgeverij Meridiaan"],
      others: ["Licentieregistratie Uitgeverij Kompas"],
    });
    expect(c.dataAgeSeconds).toBe(0);
  });

  it("every registry down: no conclusion at all", async () => {
    usage = (sourceId) => new SourceError(sourceId === "am" ? "method_not_allowed" : "timeout", sourceId);
    const c = await run({});
    expect(c.conclusions).toBeNull();
    expect(c.registries.map((r) => r.percent)).toEqual([0, 0]);
  });
});
