import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signedInAs, staffOf, accessRows } from "@/lib/api/testing/staff";
import { GET as enrollmentsRoute } from "@/app/api/enrollments/route";
import { GET as studentDetail } from "@/app/api/students/detail/route";
import { generateSchool } from "@/sandbox/data/generate";
import { SCHOOLS } from "@/sandbox/data/schools";
import { enrollmentsList } from "@/lib/contracts/enrollments";
import { readEnrollmentPage } from "@/lib/features/enrollments/enrollment-page";
import { readStudentDetail } from "@/lib/features/students/student-detail";
import { studentKey } from "@/lib/features/students/students";
import { resetProcessLimits } from "@/lib/limits/process-limits";
import { loadSourcesConfig } from "@/lib/sources/config";
import { SourceError } from "@/lib/sources/errors";
import { listEnrollments, listStudents } from "@/lib/sources/operations";
import type { AnyOperation } from "@/lib/sources/operations/define";
import { parseList } from "@/lib/sources/reading/parse-list";
import type { EduvClient } from "@/lib/sources/transport/client";
import { readForPage } from "./page-read";

vi.hoisted(() => {
  process.env.PGLITE_DIR = "memory://";
  process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
  process.env.LDB_REFERENCE_DATE = "2026-03-02";
  // Nothing kept between reads: each read asks the scripted LAS.
  process.env.BFF_CACHE_TTL_SECONDS = "0";
});

/**
 * A pupil's page reads its first answer on the server (app/leerlingen/[key]) through readForPage and
 * the same feature read as GET /api/students/detail: the same answer, the same access-log row, the
 * same lookup limit, and a failure as the route's error answer. Over a scripted LAS (las-a) that
 * sends the sandbox generator's pupils and enrollments of OBS De Regenboog.
 */
const OWN = "obs-de-regenboog";
const data = generateSchool(
  "leermiddelendashboard",
  SCHOOLS.find((s) => s.orgMasterId === "900A101")!,
  "demo",
);
let down = false;
let calls = 0;
const client = {
  config: loadSourcesConfig(),
  async call(op: AnyOperation, sourceId: string) {
    calls++;
    if (down) throw new SourceError("timeout", sourceId);
    const raw =
      op.operationId === listStudents.operationId ? data.students : op.operationId === listEnrollments.operationId ? data.enrollments : [];
    const { records, report } = parseList(op.item!, raw);
    return { records, report, meta: { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 1000 } };
  },
} as unknown as EduvClient;
vi.mock("@/lib/runtime/source-runtime", () => ({ getEduvRuntime: () => ({ client }) }));

const BASE = "http://localhost:3000";
const PUPIL = studentKey((data.students[5] as { userMasterIdentifier: string }).userMasterIdentifier);
/** What a school administrator sees of a pupil (app/leerlingen/[key] decides by role). */
const SECTIONS = { enrollments: true, teachers: true };

beforeAll(() => signedInAs("adm", "adm@school.example", [`schooladmin:${OWN}`]));
beforeEach(() => {
  down = false;
  resetProcessLimits();
});

const staff = () => staffOf("adm");
const logRows = accessRows;
const pageRead = async (key = PUPIL, lang: "nl" | "en" = "nl") =>
  readForPage({ staff: await staff(), schoolId: OWN, lang, limits: ["lookup"] }, async () => {
    const found = await readStudentDetail(OWN, key, SECTIONS, lang);
    return found ?? { value: null };
  });

describe("a pupil's page, read on the server", () => {
  it("shows the route's answer and writes the route's access-log row (the pupil by keyed hash)", async () => {
    const before = (await logRows()).length;
    const res = await studentDetail(
      new Request(`${BASE}/api/students/detail?key=${PUPIL}`, { headers: { cookie: "ldb.session=tok-adm" } }),
    );
    expect(res.status).toBe(200);
    const read = await pageRead();
    expect(read.ok && read.value).toEqual(await res.json());
    const rows = (await logRows()).slice(before);
    const shape = (r: (typeof rows)[number]) => [
      r.actor,
      r.actorRoles,
      r.schoolId,
      r.outcome,
      r.dataKind,
      r.action,
      r.personCount,
      r.personHash,
    ];
    expect(rows.map(shape)).toEqual([shape(rows[0]!), shape(rows[0]!)]);
    expect(rows[0]!.personHash).toMatch(/^[0-9a-f]{16,}$/);
    expect(shape(rows[0]!).slice(0, 7)).toEqual(["adm@school.example", "schooladmin", OWN, "served", "students", "detail", 1]);
  });

  it("a key the LAS does not list is no answer and no log row; a LAS that is down is the route's error answer", async () => {
    const before = (await logRows()).length;
    expect(await pageRead("0".repeat(32))).toEqual({ ok: true, value: null });
    down = true;
    expect(await pageRead(PUPIL, "en")).toMatchObject({ ok: false, status: 504, body: { error: { code: "timeout", sourceId: "las-a" } } });
    expect((await logRows()).slice(before)).toEqual([]);
  });

  it("costs a lookup of the staff member's limit, as the route does, and past it is refused before any Source call", async () => {
    for (let i = 0; i < 30; i++) expect((await pageRead()).ok).toBe(true);
    const before = calls;
    const refused = await pageRead();
    expect(refused).toMatchObject({ ok: false, status: 429, body: { error: { code: "rate_limited" } } });
    expect(calls).toBe(before);
  });
});

describe("the Inschrijvingen page, read on the server", () => {
  it("shows the route's page for the same filters, names included for whom may read pupils, and writes the route's access-log row", async () => {
    const before = (await logRows()).length;
    const filters = { enrollmentType: "study", page: "2" };
    const res = await enrollmentsRoute(
      new Request(`${BASE}/api/enrollments?${new URLSearchParams(filters)}`, { headers: { cookie: "ldb.session=tok-adm" } }),
    );
    expect(res.status).toBe(200);
    const query = enrollmentsList.query!.parse(filters);
    const read = await readForPage({ staff: await staff(), schoolId: OWN, lang: "nl" }, () =>
      readEnrollmentPage(OWN, query, { names: true }),
    );
    const fromRoute = (await res.json()) as { rows: Array<{ studentName?: string }>; page: number };
    expect(read.ok && read.value).toEqual(fromRoute);
    expect(fromRoute.page).toBe(2);
    expect(fromRoute.rows.every((r) => r.studentName)).toBe(true);
    const rows = (await logRows()).slice(before).map((r) => [r.actor, r.dataKind, r.action, r.outcome, r.personCount]);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(rows[0]);
    expect(rows[0]!.slice(0, 4)).toEqual(["adm@school.example", "enrollments", "list", "served"]);
  });
});
