import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { signedInAs, accessRows } from "@/lib/api/testing/staff";
import { POST as exportCsv } from "@/app/api/data-quality/export/route";
import { GET as scanStatus, POST as scanStart } from "@/app/api/data-quality/scan/route";
import { POST as scanCancel } from "@/app/api/data-quality/scan/cancel/route";
import { generateSchool } from "@/sandbox/data/generate";
import { SCHOOLS } from "@/sandbox/data/schools";
import { entitlementsFor, usageAnswer } from "@/sandbox/data/usage";
import { dataQualityScan, dataQualityScanStart, type ScanView } from "@/lib/contracts/data-quality";
import { dropScans } from "@/lib/features/data-quality/scan-jobs";
import { studentKey } from "@/lib/features/students/students";
import { resetProcessLimits } from "@/lib/limits/process-limits";
import { announceAllConsentChanged } from "@/lib/sources/answer-cache";
import { loadSourcesConfig } from "@/lib/sources/config";
import { SourceError } from "@/lib/sources/errors";
import { getUserUsage, listEnrollments, listStudents } from "@/lib/sources/operations";
import type { AnyOperation } from "@/lib/sources/operations/define";
import { parseList } from "@/lib/sources/reading/parse-list";
import type { EduvClient } from "@/lib/sources/transport/client";
import { CSRF_HEADER } from "./route";

vi.hoisted(() => {
  process.env.PGLITE_DIR = "memory://";
  process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
  process.env.LDB_REFERENCE_DATE = "2026-03-02"; // the sandbox's data describe school year 2025-2026
  process.env.BFF_CACHE_TTL_SECONDS = "0";
});

/**
 * The school-wide licence scan (POST/GET /api/data-quality/scan, POST …/cancel, and the CSV of its
 * checks through POST /api/data-quality/export) of Meridiaan College over a scripted client: the
 * LAS (las-b) sends the sandbox generator's pupils and enrollments; the
 * registry lr-a licenses every pupil enrolled now but one (`missing`, whom it does not know), and one
 * pupil who left in January (`leaver`); lr-b knows nobody and licenses nothing; the Aanspraakmanager
 * answers 405 (it gives no usage). So the scan must find exactly `leaver` (licences without an
 * enrollment) and `missing` (unknown at lr-a while their classmates are licensed there).
 */
const SEED = "leermiddelendashboard";
const OWN = "meridiaan-college";
const data = generateSchool(
  SEED,
  SCHOOLS.find((s) => s.orgMasterId === "900B201")!,
  "demo",
);
const current = data.pupils.filter((p) => !p.leaver);
const leaver = data.pupils.find((p) => p.leaver)!;
const missing = current[7]!;
const licence = { ...entitlementsFor(SEED, "lr-a", data.school, { pupil: current[0]! })[0]!, entitlementStatus: "licensed" };
delete (licence as Record<string, unknown>).expirationDate;

let lasDown = false;
/**
 * lr-a licenses only the first pupil enrolled now of each class (and no leaver), and knows none of the
 * others: every other pupil enrolled now is unknown there while a classmate is licensed, far more than
 * the 500 a check shows.
 */
let sparse = false;
const firstOfClass = new Set(current.filter((p, i) => current.findIndex((q) => q.classId === p.classId) === i));
let usageCalls = 0;
/** How long a registry takes to answer (ms): long enough in a test that needs the scan still running. */
let usageDelay = 0;
const client = {
  config: loadSourcesConfig(),
  async call(op: AnyOperation, sourceId: string, input: { body?: { user?: { userMasterIdentifier?: string } } }) {
    const meta = { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 1000 };
    if (op.operationId === getUserUsage.operationId) {
      usageCalls++;
      if (usageDelay) await new Promise((r) => setTimeout(r, usageDelay));
      if (sourceId === "am") throw new SourceError("method_not_allowed", sourceId, { httpStatus: 405 });
      const eck = input.body?.user?.userMasterIdentifier;
      const pupil = data.pupils.find((p) => p.eck === eck);
      const licensed =
        sourceId === "lr-a" && pupil && (sparse ? firstOfClass.has(pupil) : pupil !== missing && (!pupil.leaver || pupil === leaver));
      if (!licensed) throw new SourceError("not_found", sourceId, { httpStatus: 404 });
      const { records, report } = parseList(op.item!, [usageAnswer(data.school, { userMasterIdentifier: eck }, [licence])]);
      return { records, report, meta };
    }
    if (lasDown) throw new SourceError("timeout", sourceId);
    const raw =
      op.operationId === listStudents.operationId ? data.students : op.operationId === listEnrollments.operationId ? data.enrollments : [];
    const { records, report } = parseList(op.item!, raw);
    return { records, report, meta };
  },
} as unknown as EduvClient;
vi.mock("@/lib/runtime/source-runtime", () => ({ getEduvRuntime: () => ({ client }) }));

const BASE = "http://localhost:3000";
beforeAll(() => signedInAs("sup", "sup@school.example", [`support:${OWN}`]));
afterEach(() => {
  lasDown = false;
  sparse = false;
  usageDelay = 0;
  dropScans();
  resetProcessLimits();
});

const headers = { cookie: "ldb.session=tok-sup", [CSRF_HEADER]: "1", origin: BASE, "content-type": "application/json" };
const start = () => scanStart(new Request(`${BASE}/api/data-quality/scan?school=${OWN}`, { method: "POST", headers, body: "{}" }));
const cancel = () => scanCancel(new Request(`${BASE}/api/data-quality/scan/cancel?school=${OWN}`, { method: "POST", headers, body: "{}" }));
const exportOf = (check: string) =>
  exportCsv(new Request(`${BASE}/api/data-quality/export?school=${OWN}`, { method: "POST", headers, body: JSON.stringify({ check }) }));
/** The CSV's lines, without the byte-order mark. */
const csvLines = async (res: Response) =>
  (await res.text())
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
const status = async (): Promise<ScanView | null> =>
  dataQualityScan.response.parse(await (await scanStatus(new Request(`${BASE}/api/data-quality/scan?school=${OWN}`, { headers }))).json())
    .scan;
const logRows = accessRows;
async function finished(): Promise<ScanView> {
  for (let i = 0; i < 500; i++) {
    const scan = await status();
    if (scan && scan.state !== "running") return scan;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the scan did not finish");
}

describe("the school-wide licence scan", () => {
  it("asks every registry about every pupil, and finds exactly the leaver's licences and the pupil the registry does not know", async () => {
    const before = (await logRows()).length;
    const res = await start();
    expect(res.status).toBe(200);
    const started = dataQualityScanStart.response.parse(await res.json());
    expect(started.started).toBe(true);
    expect(started.scan).toMatchObject({ state: "running", total: data.pupils.length });
    const scan = await finished();
    if (scan.state !== "done") throw new Error(`scan ${scan.state}`);
    const check = (id: string) => scan.checks.find((c) => c.id === id)!;
    expect(check("licences_without_enrollment")).toMatchObject({ actor: "school", count: 1 });
    expect(check("licences_without_enrollment").items).toEqual([
      {
        studentKey: studentKey(leaver.eck),
        masked: `ECK iD ••••${leaver.eck.slice(-4)}`,
        detail: "Licentieregistratie Uitgeverij Meridiaan: 1",
      },
    ]);
    expect(check("unknown_at_registry").items).toEqual([
      {
        studentKey: studentKey(missing.eck),
        masked: `ECK iD ••••${missing.eck.slice(-4)}`,
        detail: "Licentieregistratie Uitgeverij Meridiaan",
      },
    ]);
    // Every pupil asked at lr-a and lr-b (each answered: licences, or "does not know this person"); the Aanspraakmanager
    // refuses the whole school once (405): it provides no usage, so it is not counted as answering or failing anyone.
    expect(scan.registries).toEqual([
      { sourceId: "lr-a", name: "Licentieregistratie Uitgeverij Meridiaan", answered: data.pupils.length, notAnswered: 0 },
      expect.objectContaining({ sourceId: "lr-b", answered: data.pupils.length, notAnswered: 0 }),
    ]);
    expect(scan.notAsked).toBe(0);
    // Logged: the start as a read of every pupil's usage; the findings' read as a read of the two pupils it names.
    const rows = (await logRows()).slice(before).map((r) => [r.actor, r.dataKind, r.action, r.outcome, r.personCount]);
    expect(rows[0]).toEqual(["sup@school.example", "usage", "list", "served", data.pupils.length]);
    expect(rows.at(-1)).toEqual(["sup@school.example", "students", "list", "served", 2]);
    expect(JSON.stringify(scan)).not.toMatch(/ketenid|@|Zwaan/);
  });

  it("is one per school: a start while one runs answers that one; a cancel stops it with how far it got", async () => {
    usageCalls = 0;
    usageDelay = 20;
    await start();
    const again = dataQualityScanStart.response.parse(await (await start()).json());
    expect(again.started).toBe(false);
    const cancelled = (await (await cancel()).json()) as { cancelled: boolean };
    expect(cancelled.cancelled).toBe(true);
    const scan = await status();
    expect(scan?.state).toBe("cancelled");
    const callsAtCancel = usageCalls;
    await new Promise((r) => setTimeout(r, 100));
    // Calls under way at the cancel may finish; no new pupil is asked after it.
    expect(usageCalls - callsAtCancel).toBeLessThanOrEqual(16);
    expect(usageCalls).toBeLessThan(3 * data.pupils.length);
    expect(((await (await cancel()).json()) as { cancelled: boolean }).cancelled).toBe(false);
  });

  it("a LAS that cannot be read answers its error and starts nothing; nothing run yet is no scan, never 'no findings'", async () => {
    expect(await status()).toBeNull();
    lasDown = true;
    const res = await start();
    expect(res.status).toBe(504);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("timeout");
    expect(await status()).toBeNull();
  });

  it("exports a licence check's records from the finished scan, all of them (not only the 500 shown), logged as an export", async () => {
    sparse = true;
    // The usage answers an earlier test's scan left are let go (as a consent change does), so the registries are asked again.
    announceAllConsentChanged();
    await start();
    const scan = await finished();
    if (scan.state !== "done") throw new Error(`scan ${scan.state}`);
    const unknown = scan.checks.find((c) => c.id === "unknown_at_registry")!;
    const expected = current.filter((p) => !firstOfClass.has(p));
    expect(unknown.count).toBe(expected.length);
    expect(unknown.count).toBeGreaterThan(500);
    expect(unknown.items).toHaveLength(500);

    const before = (await logRows()).length;
    const res = await exportOf("unknown_at_registry");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="datakwaliteit-unknown_at_registry-${OWN}.csv"`);
    const lines = await csvLines(res);
    expect(lines[0]).toBe("controle,kenmerk,sleutel,inschrijving,detail");
    expect(lines).toHaveLength(1 + expected.length);
    const keys = lines.slice(1).map((l) => l.split(",")[2]);
    expect(new Set(keys)).toEqual(new Set(expected.map((p) => studentKey(p.eck))));
    const first = expected[0]!;
    expect(lines).toContain(
      `unknown_at_registry,ECK iD ••••${first.eck.slice(-4)},${studentKey(first.eck)},,Licentieregistratie Uitgeverij Meridiaan`,
    );
    expect(lines.join("\n")).not.toMatch(/ketenid|@|Zwaan/);
    // No leaver is licensed: that check's file holds its header only.
    expect(await csvLines(await exportOf("licences_without_enrollment"))).toEqual(["controle,kenmerk,sleutel,inschrijving,detail"]);
    const rows = (await logRows()).slice(before).map((r) => [r.actor, r.dataKind, r.action, r.outcome, r.personCount]);
    expect(rows).toEqual([
      ["sup@school.example", "students", "export", "served", expected.length],
      ["sup@school.example", "students", "export", "served", 0],
    ]);
  });

  it("refuses a licence check's CSV without a finished scan (409, in the reader's words), and asks no Source for it", async () => {
    const before = (await logRows()).length;
    usageCalls = 0;
    const none = await exportOf("licences_without_enrollment");
    expect(none.status).toBe(409);
    expect(usageCalls).toBe(0);
    expect(((await none.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: "conflict",
      message:
        "Dit kan nu niet. Er is geen afgeronde licentiecontrole van deze school (meer). Start de controle en exporteer als die klaar is.",
    });
    // A scan still running has no findings to export either.
    usageDelay = 20;
    await start();
    const running = await exportOf("unknown_at_registry");
    expect(running.status).toBe(409);
    await cancel();
    expect((await exportOf("unknown_at_registry")).status).toBe(409);
    const english = await exportCsv(
      new Request(`${BASE}/api/data-quality/export?school=${OWN}`, {
        method: "POST",
        headers: { ...headers, cookie: `${headers.cookie}; ldb.lang=en` },
        body: JSON.stringify({ check: "unknown_at_registry" }),
      }),
    );
    expect(((await english.json()) as { error: { message: string } }).error.message).toMatch(
      /^This cannot be done now\. There is no finished licence check of this school/,
    );
    // Only the scan's start was logged (a read of every pupil's usage); the refused exports read nothing.
    const rows = (await logRows()).slice(before).map((r) => [r.dataKind, r.action]);
    expect(rows).toEqual([["usage", "list"]]);
  });
});
