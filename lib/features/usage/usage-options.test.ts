import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signedInAs, staffOf, accessRows } from "@/lib/api/testing/staff";
import { GET as usageOptionsRoute } from "@/app/api/usage/options/route";
import { generateSchool } from "@/sandbox/data/generate";
import { SCHOOLS } from "@/sandbox/data/schools";
import { readForPage } from "@/lib/api/page-read";
import { resetProcessLimits } from "@/lib/limits/process-limits";
import { loadSourcesConfig } from "@/lib/sources/config";
import { SourceError } from "@/lib/sources/errors";
import { listEnrollments, listStudents } from "@/lib/sources/operations";
import type { AnyOperation } from "@/lib/sources/operations/define";
import { parseList } from "@/lib/sources/reading/parse-list";
import type { EduvClient } from "@/lib/sources/transport/client";
import { readUsageOptions } from "./usage-options";

vi.hoisted(() => {
  process.env.PGLITE_DIR = "memory://";
  process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
  process.env.LDB_REFERENCE_DATE = "2026-03-02";
  // Nothing kept between reads: each read asks the scripted LAS.
  process.env.BFF_CACHE_TTL_SECONDS = "0";
});

/**
 * The coverage view of /licentiegebruik reads its offerings on the server (app/licentiegebruik/page.tsx)
 * through readForPage and the same feature read as GET /api/usage/options: the same answer, no
 * access-log row (the offerings name nobody), the LAS asked as the staff member, and a failure as the
 * route's error answer. Over a scripted LAS (las-a) that sends the sandbox generator's pupils and
 * enrollments of OBS De Regenboog.
 */
const OWN = "obs-de-regenboog";
const data = generateSchool(
  "leermiddelendashboard",
  SCHOOLS.find((s) => s.orgMasterId === "900A101")!,
  "demo",
);
let down = false;
const callers: string[] = [];
const client = {
  config: loadSourcesConfig(),
  async call(op: AnyOperation, sourceId: string) {
    if (down) throw new SourceError("timeout", sourceId);
    const raw =
      op.operationId === listStudents.operationId ? data.students : op.operationId === listEnrollments.operationId ? data.enrollments : [];
    const { records, report } = parseList(op.item!, raw);
    return { records, report, meta: { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 1000 } };
  },
} as unknown as EduvClient;
vi.mock("@/lib/runtime/source-runtime", () => ({ getEduvRuntime: () => ({ client }) }));
vi.mock("@/lib/sources/capacity/caller", async (original) => {
  const real = await original<typeof import("@/lib/sources/capacity/caller")>();
  return {
    ...real,
    asCaller: <T>(caller: string, fn: () => Promise<T>) => {
      callers.push(caller);
      return real.asCaller(caller, fn);
    },
  };
});

const BASE = "http://localhost:3000";

beforeAll(() => signedInAs("sup", "sup@helpdesk.example", [`support:${OWN}`]));
beforeEach(() => {
  down = false;
  callers.length = 0;
  resetProcessLimits();
});

const staff = () => staffOf("sup");
const logRows = accessRows;
const routeRead = () => usageOptionsRoute(new Request(`${BASE}/api/usage/options`, { headers: { cookie: "ldb.session=tok-sup" } }));
const pageRead = async (lang: "nl" | "en" = "nl") =>
  readForPage({ staff: await staff(), schoolId: OWN, lang }, async () => ({ value: await readUsageOptions(OWN) }));

describe("the coverage view's offerings, read on the server", () => {
  it("are the route's answer, read as the staff member's, and log no read of persons' data", async () => {
    const before = (await logRows()).length;
    const res = await routeRead();
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { studyOfferings: unknown[]; subjectOfferings: unknown[] };
    expect(answer.studyOfferings.length + answer.subjectOfferings.length).toBeGreaterThan(0);
    callers.length = 0;
    const read = await pageRead();
    expect(read).toEqual({ ok: true, value: answer });
    expect(read.ok && read.value).toMatchObject({ today: "2026-03-02", referenceDateSet: true });
    expect(callers).toEqual(["staff:sup"]);
    expect((await logRows()).length).toBe(before);
  });

  it("a LAS that is down is the route's error answer, in the reader's language", async () => {
    down = true;
    const res = await routeRead();
    expect(res.status).toBe(504);
    const body: unknown = await res.json();
    expect(body).toMatchObject({ error: { code: "timeout", sourceId: "las-a" } });
    expect(await pageRead()).toEqual({ ok: false, status: 504, body });
    const english = await pageRead("en");
    expect(english).toMatchObject({ ok: false, status: 504, body: { error: { code: "timeout", sourceId: "las-a" } } });
    expect(!english.ok && english.body.error.message).not.toBe((body as { error: { message: string } }).error.message);
  });
});
