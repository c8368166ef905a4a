import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { accessRows, signedInAs, staffOf } from "@/lib/api/testing/staff";
import { GET as avgRoute } from "@/app/api/students/avg/route";
import { GET as studentDetail } from "@/app/api/students/detail/route";
import { POST as studentReveal } from "@/app/api/students/reveal/route";
import { POST as studentList } from "@/app/api/students/route";
import { generateSchool } from "@/sandbox/data/generate";
import { SCHOOLS } from "@/sandbox/data/schools";
import type { AvgRecordAnswer } from "@/lib/contracts/access-log";
import { recordAccess } from "@/lib/db/access-log";
import { getStore } from "@/lib/db/client";
import { readAvgRecord } from "@/lib/features/avg-record/avg-record";
import { studentKey } from "@/lib/features/students/students";
import { resetProcessLimits } from "@/lib/limits/process-limits";
import { useLogDestination } from "@/lib/log";
import { personHash } from "@/lib/privacy/person-hash";
import { loadSourcesConfig } from "@/lib/sources/config";
import { listStudents } from "@/lib/sources/operations";
import type { AnyOperation } from "@/lib/sources/operations/define";
import { parseList } from "@/lib/sources/reading/parse-list";
import type { EduvClient } from "@/lib/sources/transport/client";
import { CSRF_HEADER } from "./route";
import { readForPage } from "./page-read";

vi.hoisted(() => {
  process.env.PGLITE_DIR = "memory://";
  process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
  process.env.LDB_REFERENCE_DATE = "2026-03-02";
  process.env.BFF_CACHE_TTL_SECONDS = "0";
});

/**
 * A pupil's AVG record (issue 25 item 3) over a scripted LAS (las-a, OBS De Regenboog's, sending the
 * sandbox generator's pupils; every other Source sends nothing): a school administrator opens the
 * pupil's page and reveals their identifiers, the support desk looks up their licences by a typed
 * NEPPI; the auditor's record lists exactly those, and its own earlier openings, and nobody else's.
 */
const OWN = "obs-de-regenboog";
const FOREIGN = "meridiaan-college";
const BASE = "http://localhost:3000";
type Pupil = {
  userMasterIdentifier: string;
  userIds: Array<{ userId: string; userIdType: string }>;
  givenName: string;
  familyName: string;
};
const data = generateSchool(
  "leermiddelendashboard",
  SCHOOLS.find((s) => s.orgMasterId === "900A101")!,
  "demo",
);
const pupil = data.students[5] as Pupil;
const other = data.students[6] as Pupil;
const KEY = studentKey(pupil.userMasterIdentifier);
const OTHER_KEY = studentKey(other.userMasterIdentifier);
const NEPPI = pupil.userIds.find((u) => u.userIdType === "NEPPI")!.userId;

const client = {
  config: loadSourcesConfig(),
  async call(op: AnyOperation, sourceId: string) {
    const raw = op.operationId === listStudents.operationId && sourceId === "las-a" ? data.students : [];
    const { records, report } = parseList(op.item!, raw);
    return { records, report, meta: { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 1000 } };
  },
} as unknown as EduvClient;
vi.mock("@/lib/runtime/source-runtime", () => ({ getEduvRuntime: () => ({ client }) }));

const get = (path: string, token: string) => new Request(`${BASE}${path}`, { headers: { cookie: `ldb.session=${token}` } });
const post = (path: string, token: string, body: unknown) =>
  new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { cookie: `ldb.session=${token}`, [CSRF_HEADER]: "1", origin: BASE, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const openRecord = async (key = KEY, token = "tok-aud", school = "") => avgRoute(get(`/api/students/avg?key=${key}${school}`, token));
const what = (a: AvgRecordAnswer["accesses"][number]) => `${a.actor} ${a.dataKind} ${a.action}`;

beforeAll(async () => {
  await signedInAs("adm", "adm@school.example", [`schooladmin:${OWN}`]);
  await signedInAs("aud", "aud@school.example", [`auditor:${OWN}`]);
  await signedInAs("sup", "sup@school.example", [`support:${OWN}`]);
  await signedInAs("far", "far@school.example", [`auditor:${FOREIGN}`]);
});
beforeEach(() => resetProcessLimits());

describe("the pupil's AVG record", () => {
  it("lists exactly the accesses that name the pupil, by any identifier, and logs its own opening", async () => {
    const before = (await accessRows()).length;
    expect((await openRecord()).status).toBe(200);
    // The record's steps: the pupil's page and a reveal (school administrator), a lookup by typed NEPPI (as POST /api/usage logs it), another pupil's page.
    expect((await studentDetail(get(`/api/students/detail?key=${KEY}`, "tok-adm"))).status).toBe(200);
    expect((await studentReveal(post("/api/students/reveal", "tok-adm", { key: KEY }))).status).toBe(200);
    const { db } = await getStore();
    const lookup = { actor: "sup@school.example", actorRoles: ["support"], schoolId: OWN, personCount: 1 } as const;
    await recordAccess(db, { ...lookup, dataKind: "usage", action: "lookup", personIdentifier: `NEPPI:${NEPPI}` });
    // The same pupil named at another school's log is that school's business, not this record's.
    await recordAccess(db, { ...lookup, schoolId: FOREIGN, dataKind: "usage", action: "lookup", personIdentifier: `NEPPI:${NEPPI}` });
    expect((await studentDetail(get(`/api/students/detail?key=${OTHER_KEY}`, "tok-adm"))).status).toBe(200);

    const res = await openRecord();
    expect(res.status).toBe(200);
    const record = (await res.json()) as AvgRecordAnswer;
    expect(record.pupil).toEqual({
      key: KEY,
      name: expect.stringContaining(pupil.familyName),
      maskedId: `ECK iD ••••${pupil.userMasterIdentifier.slice(-4)}`,
    });
    expect(record.accesses.map(what)).toEqual([
      "sup@school.example usage lookup",
      "adm@school.example students reveal",
      "adm@school.example students detail",
      "aud@school.example accesslog detail",
    ]);
    expect(record.accesses.every((a) => a.outcome === "served")).toBe(true);
    expect(record.truncated).toBe(false);

    // Both openings are in the log as reads of the log about this pupil, by the hash of their primary identifier.
    const mine = (await accessRows()).slice(before).filter((r) => r.actor === "aud@school.example");
    expect(mine.map((r) => [r.dataKind, r.action, r.personCount, r.outcome, r.schoolId])).toEqual([
      ["accesslog", "detail", 1, "served", OWN],
      ["accesslog", "detail", 1, "served", OWN],
    ]);
    expect(mine.every((r) => r.personHash === personHash(pupil.userMasterIdentifier))).toBe(true);
  });

  it("counts the school's lists that may have held the pupil without naming them, and names the Providers", async () => {
    const record = async () => (await (await openRecord()).json()) as AvgRecordAnswer;
    const listed = (r: AvgRecordAnswer) => r.unnamed.find((u) => u.dataKind === "students" && u.action === "list")?.count ?? 0;
    const before = listed(await record());
    expect((await studentList(post("/api/students", "tok-adm", {}))).status).toBe(200);
    const after = await record();
    expect(listed(after)).toBe(before + 1);
    expect(after.unnamed.every((u) => ["students", "enrollments", "usage"].includes(u.dataKind))).toBe(true);
    // De Regenboog: its LAS (students, enrollments and assignments through two consent APIs) and two Licentieregistraties.
    const rows = after.providers.map((p) => [p.providerId, p.api, p.state, p.askedAboutPupil]);
    const lookups = after.accesses.filter((a) => a.dataKind === "usage").length;
    expect(rows).toEqual([
      ["las-a", "students-api", "none", null],
      ["las-a", "association-api", "none", null],
      ["lr-a", "usage-api", "none", lookups],
      ["lr-b", "usage-api", "none", lookups],
    ]);
    expect(lookups).toBe(1);
    expect(after.providers.find((p) => p.providerId === "lr-a")!.scopes).toEqual(["eduv.usage.dashboard"]);
  });

  it("is the auditor's only: the school administrator, the support desk and another school's auditor are refused, and logged without the pupil", async () => {
    const before = (await accessRows()).length;
    expect((await openRecord(KEY, "tok-adm")).status).toBe(403);
    expect((await openRecord(KEY, "tok-sup")).status).toBe(403);
    expect((await openRecord(KEY, "tok-far", `&school=${OWN}`)).status).toBe(403);
    const rows = (await accessRows()).slice(before);
    expect(rows.map((r) => [r.actor, r.schoolId, r.dataKind, r.action, r.outcome, r.personHash])).toEqual([
      ["adm@school.example", OWN, "accesslog", "detail", "refused", null],
      ["sup@school.example", OWN, "accesslog", "detail", "refused", null],
      ["far@school.example", OWN, "accesslog", "detail", "refused", null],
    ]);
    // At their own school the pupil is not known: not found, and nothing logged.
    expect((await openRecord(KEY, "tok-far")).status).toBe(404);
    expect((await accessRows()).length).toBe(before + 3);
  });

  it("a key the LAS does not list is not found and logs nothing; a malformed key is refused before any read", async () => {
    const before = (await accessRows()).length;
    expect((await openRecord("0".repeat(32))).status).toBe(404);
    expect((await openRecord("Wijk")).status).toBe(400);
    expect((await accessRows()).length).toBe(before);
  });

  it("writes no name and no identifier into the request's log line", async () => {
    const lines: string[] = [];
    useLogDestination({ write: (line: string) => void lines.push(line) }, "info");
    try {
      expect((await openRecord()).status).toBe(200);
    } finally {
      useLogDestination(undefined);
    }
    const text = lines.join("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [pupil.familyName, pupil.givenName, pupil.userMasterIdentifier, NEPPI]) expect(text).not.toContain(secret);
  });

  it("the page reads the same record as the route, with the same access-log row", async () => {
    const before = (await accessRows()).length;
    const now = new Date("2026-03-02T10:00:00Z");
    const read = await readForPage({ staff: await staffOf("aud"), schoolId: OWN, lang: "nl", limits: ["lookup"] }, async () => {
      const found = await readAvgRecord(OWN, KEY, "nl", now);
      return found ?? { value: null };
    });
    expect(read.ok && read.value?.pupil.key).toBe(KEY);
    expect(read.ok && read.value?.readAt).toBe(now.toISOString());
    const rows = (await accessRows()).slice(before);
    expect(rows.map((r) => [r.actor, r.dataKind, r.action, r.personHash])).toEqual([
      ["aud@school.example", "accesslog", "detail", personHash(pupil.userMasterIdentifier)],
    ]);
  });
});
