import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as list } from "@/app/api/data-quality/route";
import { POST as exportCsv } from "@/app/api/data-quality/export/route";
import { generateSchool } from "@/sandbox/data/generate";
import { SCHOOLS } from "@/sandbox/data/schools";
import { dataQualityAnswer, type DataQualityAnswer } from "@/lib/contracts/data-quality";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { accessLog } from "@/lib/db/schema";
import { resetProcessLimits } from "@/lib/limits/process-limits";
import { SourceError } from "@/lib/sources/errors";
import { studentKey } from "@/lib/sources/reading/identity";
import type { EduvClient } from "@/lib/sources/transport/client";
import { parseList } from "@/lib/sources/reading/parse-list";
import type { AnyOperation } from "@/lib/sources/operations/define";
import { loadSourcesConfig } from "@/lib/sources/config";
import { schoolRules } from "@/lib/auth/grants";
import { authSettings } from "@/lib/auth/settings";
import { staffForSession } from "@/lib/auth/staff";
import { readDataQuality } from "@/lib/features/data-quality/data-quality";
import { readForPage } from "./page-read";
import { CSRF_HEADER } from "./route";

vi.hoisted(() => {
  process.env.PGLITE_DIR = "memory://";
  process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
  process.env.LDB_REFERENCE_DATE = "2026-03-02";
  // Nothing kept between requests (read when the answer caches are made, at import): each test's LAS answers are the ones it sets.
  process.env.BFF_CACHE_TTL_SECONDS = "0";
});

/**
 * GET /api/data-quality and POST /api/data-quality/export over a scripted LAS (las-a) that sends the
 * sandbox generator's pupils and enrollments of OBS De Regenboog (clean: no check finds anything
 * there) with two defects planted: a pupil without an ECK iD and an enrollment that ends before it begins.
 */
const OWN = "obs-de-regenboog";
const data = generateSchool(
  "leermiddelendashboard",
  SCHOOLS.find((s) => s.orgMasterId === "900A101")!,
  "demo",
);
const NEPPI = "900731@1.regenboog.example";
const planted = {
  student: { userIds: [{ userId: NEPPI, userIdType: "NEPPI" }], givenName: "Zwaan", familyName: "Plantinga", dateOfBirth: "2016-02-02" },
  enrollment: {
    enrollmentId: "dq-ends-early",
    student: { userMasterIdentifier: (data.students[3] as { userMasterIdentifier: string }).userMasterIdentifier },
    enrollmentType: "study",
    studyYear: 4,
    schoolPeriod: "2025-2026",
    beginDate: "2025-08-01",
    endDate: "2025-06-30",
    status: "active",
  },
};

let failing: "none" | "students" | "enrollments" = "none";
const client = {
  config: loadSourcesConfig(),
  async call(op: AnyOperation, sourceId: string) {
    const meta = { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 1000 };
    const enrollments = op.operationId === "get-enrollments-for-school";
    if (failing === (enrollments ? "enrollments" : "students")) throw new SourceError("consent_missing", sourceId, { httpStatus: 403 });
    const items = enrollments ? [...data.enrollments, planted.enrollment] : [...data.students, planted.student];
    const { records, report } = parseList(op.item!, items);
    return { records, report, meta };
  },
} as unknown as EduvClient;
vi.mock("@/lib/runtime/source-runtime", () => ({ getEduvRuntime: () => ({ client }) }));

const BASE = "http://localhost:3000";
const ACCOUNTS = { adm: `schooladmin:${OWN}`, sup: `support:${OWN}`, con: `consent:${OWN}`, aud: `auditor:${OWN}` } as const;
type Who = keyof typeof ACCOUNTS;
beforeAll(async () => {
  const { db } = await getStore();
  for (const [id, role] of Object.entries(ACCOUNTS)) {
    await db.insert(users).values({ id, email: `${id}@school.example`, idpRoles: [role] });
    await db.insert(sessions).values({ sessionToken: `tok-${id}`, userId: id, expires: new Date(Date.now() + 3_600_000) });
  }
});
afterEach(() => {
  failing = "none";
  resetProcessLimits();
});

const headers = (who: Who) => ({ cookie: `ldb.session=tok-${who}`, [CSRF_HEADER]: "1", origin: BASE, "content-type": "application/json" });
const get = (who: Who) => list(new Request(`${BASE}/api/data-quality?school=${OWN}`, { headers: headers(who) }));
const post = (who: Who, body: unknown) =>
  exportCsv(
    new Request(`${BASE}/api/data-quality/export?school=${OWN}`, { method: "POST", headers: headers(who), body: JSON.stringify(body) }),
  );
const logRows = async () => (await (await getStore()).db.select().from(accessLog)).map((r) => ({ ...r }));

describe("who may see the data-quality checks", () => {
  it("refuses the consent manager and the auditor (403, logged as refused), serves the school administrator and support", async () => {
    const before = (await logRows()).length;
    for (const who of ["con", "aud"] as const) {
      expect((await get(who)).status).toBe(403);
      expect((await post(who, { check: "no_eck" })).status).toBe(403);
    }
    const refused = (await logRows()).slice(before);
    expect(refused.map((r) => [r.actor, r.outcome, r.dataKind, r.action, r.personCount])).toEqual([
      ["con@school.example", "refused", "students", "list", 0],
      ["con@school.example", "refused", "students", "export", 0],
      ["aud@school.example", "refused", "students", "list", 0],
      ["aud@school.example", "refused", "students", "export", 0],
    ]);
    for (const who of ["adm", "sup"] as const) expect((await get(who)).status).toBe(200);
  });
});

describe("GET /api/data-quality", () => {
  it("finds exactly the planted defects, names pupils by key and masked identifier only, and logs the read", async () => {
    const before = (await logRows()).length;
    const res = await get("sup");
    expect(res.status).toBe(200);
    const text = await res.text();
    const answer = dataQualityAnswer.parse(JSON.parse(text)) as DataQualityAnswer;
    expect(answer.sources).toEqual([{ sourceId: "las-a", name: "Leerlingadministratie Alfa", ok: true }]);
    expect(answer.pupils).toBe(data.students.length + 1);
    expect(answer.referenceDate).toBe("2026-03-02");
    const counts = Object.fromEntries(answer.checks.map((c) => [c.id, c.count]));
    expect(counts).toEqual({
      no_eck: 1,
      duplicate_eck: 0,
      duplicate_pupil: 0,
      ends_before_start: 1,
      study_year_out_of_range: 0,
      date_far_off: 0,
      subject_without_study: 0,
    });
    const check = (id: string) => answer.checks.find((c) => c.id === id)!;
    expect(check("no_eck").items).toEqual([{ studentKey: studentKey(`NEPPI:${NEPPI}`), masked: "NEPPI ••••mple" }]);
    expect(check("ends_before_start").items).toEqual([
      {
        studentKey: studentKey(planted.enrollment.student.userMasterIdentifier),
        masked: `ECK iD ••••${planted.enrollment.student.userMasterIdentifier.slice(-4)}`,
        enrollmentId: "dq-ends-early",
        detail: "2025-08-01 → 2025-06-30",
      },
    ]);
    expect(text).not.toMatch(/Zwaan|Plantinga|2016-02-02|ketenid|900731/);
    const rows = (await logRows()).slice(before);
    expect(rows.map((r) => [r.actor, r.outcome, r.dataKind, r.action, r.personCount, r.personHash])).toEqual([
      ["sup@school.example", "served", "students", "list", 2, null],
    ]);
  });

  it("when the LAS refuses a list: says why, counts nothing, and names no pupil (never 'no findings')", async () => {
    for (const list of ["students", "enrollments"] as const) {
      failing = list;
      const answer = dataQualityAnswer.parse(await (await get("adm")).json());
      expect(answer.sources).toEqual([
        { sourceId: "las-a", name: "Leerlingadministratie Alfa", ok: false, error: "consent_missing", failed: [list] },
      ]);
      expect(answer.checks.map((c) => [c.id, c.count, c.items.length])).toEqual(answer.checks.map((c) => [c.id, 0, 0]));
      expect([answer.pupils, answer.enrollments]).toEqual([0, 0]);
    }
  });
});

describe("the page's first answer (app/datakwaliteit, rendered on the server)", () => {
  const staff = async (who: Who) =>
    (await staffForSession((await getStore()).db, `tok-${who}`, schoolRules(loadSourcesConfig()), authSettings()))!;

  it("is the route's answer, and its read is logged as the route logs it", async () => {
    const before = (await logRows()).length;
    const fromRoute = dataQualityAnswer.parse(await (await get("adm")).json());
    const read = await readForPage({ staff: await staff("adm"), schoolId: OWN, lang: "nl" }, () => readDataQuality(OWN));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect({ ...read.value, checkedAt: "" }).toEqual({ ...fromRoute, checkedAt: "" });
    const rows = (await logRows())
      .slice(before)
      .map((r) => [r.actor, r.actorRoles, r.schoolId, r.outcome, r.dataKind, r.action, r.personCount]);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(rows[0]);
    expect(rows[0]).toEqual(["adm@school.example", "schooladmin", OWN, "served", "students", "list", 2]);
  });

  it("a read that fails is the route's error answer (code and words), and nothing is logged as served", async () => {
    const fail = vi.spyOn(client, "call").mockRejectedValue(new SourceError("timeout", "las-a"));
    try {
      const before = (await logRows()).length;
      const read = await readForPage({ staff: await staff("sup"), schoolId: OWN, lang: "en" }, async () => {
        await client.call({} as AnyOperation, "las-a");
        return readDataQuality(OWN);
      });
      expect(read).toMatchObject({ ok: false, status: 504, body: { error: { code: "timeout", sourceId: "las-a" } } });
      if (read.ok) return;
      expect(read.body.error.message).toMatch(/^The Source did not answer in time/);
      expect((await logRows()).slice(before)).toEqual([]);
    } finally {
      fail.mockRestore();
    }
  });
});

describe("POST /api/data-quality/export", () => {
  it("answers one check's records as CSV, named after the check and the school, and logs the export", async () => {
    const before = (await logRows()).length;
    const res = await post("adm", { check: "ends_before_start" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="datakwaliteit-ends_before_start-${OWN}.csv"`);
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    const eck = planted.enrollment.student.userMasterIdentifier;
    expect(lines).toEqual([
      "controle,kenmerk,sleutel,inschrijving,detail",
      `ends_before_start,ECK iD ••••${eck.slice(-4)},${studentKey(eck)},dq-ends-early,2025-08-01 → 2025-06-30`,
    ]);
    const rows = (await logRows()).slice(before);
    expect(rows.map((r) => [r.actor, r.outcome, r.dataKind, r.action, r.personCount])).toEqual([
      ["adm@school.example", "served", "students", "export", 1],
    ]);
  });

  it("refuses an unknown check (400), and fails rather than send a file without the records of a LAS it could not read", async () => {
    expect((await post("adm", { check: "everything" })).status).toBe(400);
    failing = "students";
    const res = await post("adm", { check: "no_eck" });
    expect(res.status).not.toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
  });
});
