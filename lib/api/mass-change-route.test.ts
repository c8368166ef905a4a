import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { scriptedRegenboog } from "@/lib/features/mass-change/testing/scripted-las";
import { GET as stateRoute } from "@/app/api/data-quality/mass-change/route";
import { POST as acceptRoute } from "@/app/api/data-quality/mass-change/accept/route";
import { POST as exportCsv } from "@/app/api/data-quality/export/route";
import { accessRows, signedInAs } from "@/lib/api/testing/staff";
import { dataQualityMassChange, dataQualityMassChangeAccept } from "@/lib/contracts/mass-change";
import { getStore } from "@/lib/db/client";
import { massChangeBaselines } from "@/lib/db/schema";
import { listSchoolEnrollments } from "@/lib/features/enrollments/enrollments";
import { listSchoolStudents } from "@/lib/features/students/students";
import { resetProcessLimits } from "@/lib/limits/process-limits";
import { announceConsentChange } from "@/lib/sources/answer-cache";
import { CSRF_HEADER } from "./route";

vi.hoisted(() => {
  process.env.PGLITE_DIR = "memory://";
  process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
  process.env.LDB_REFERENCE_DATE = "2026-03-02";
  process.env.BFF_CACHE_TTL_SECONDS = "0";
});

/**
 * GET /api/data-quality/mass-change and POST …/accept over a scripted LAS (las-a) sending OBS De
 * Regenboog's generated pupils and enrollments, or only the first `sent` pupils and theirs.
 */
const OWN = "obs-de-regenboog";
const OTHER = "meridiaan-college";
const las = scriptedRegenboog();
const { data, client } = las;
const ALL = data.students.length;
vi.mock("@/lib/runtime/source-runtime", () => ({ getEduvRuntime: () => ({ client }) }));
const school = client.config.schools.find((s) => s.id === OWN)!;

const BASE = "http://localhost:3000";
const WHO = {
  adm: `schooladmin:${OWN}`,
  sup: `support:${OWN}`,
  con: `consent:${OWN}`,
  aud: `auditor:${OWN}`,
  elsewhere: `schooladmin:${OTHER}`,
};
type Who = keyof typeof WHO;
beforeAll(async () => {
  for (const [id, role] of Object.entries(WHO)) await signedInAs(id, `${id}@school.example`, [role]);
});
beforeEach(async () => {
  await (await getStore()).db.delete(massChangeBaselines);
  announceConsentChange("las-a", OWN);
  las.sent = ALL;
  resetProcessLimits();
});

const headers = (who: Who) => ({ cookie: `ldb.session=tok-${who}`, [CSRF_HEADER]: "1", origin: BASE, "content-type": "application/json" });
const readState = async (who: Who = "adm") => {
  const res = await stateRoute(new Request(`${BASE}/api/data-quality/mass-change?school=${OWN}`, { headers: headers(who) }));
  return { status: res.status, body: res.status === 200 ? dataQualityMassChange.response.parse(await res.json()) : undefined };
};
const accept = (who: Who, body: unknown, at = OWN) =>
  acceptRoute(
    new Request(`${BASE}/api/data-quality/mass-change/accept?school=${at}`, {
      method: "POST",
      headers: headers(who),
      body: JSON.stringify(body),
    }),
  );
const pupils = () => listSchoolStudents(client, school);
/** The whole school's lists read once as they are now, then (half the pupils gone) read again: both held. */
async function halfGone(): Promise<number> {
  await listSchoolEnrollments(client, school, {});
  las.sent = Math.floor(ALL / 2);
  await listSchoolEnrollments(client, school, {});
  return las.sent;
}
const pendingOf = (state: Awaited<ReturnType<typeof readState>>, list: "students" | "enrollments") =>
  state.body!.lists.find((l) => l.list === list)!.pending;

describe("who may read and accept a mass change", () => {
  it("the state: school administrators and support (the data-quality readers); not consent managers or auditors", async () => {
    for (const who of ["adm", "sup"] as const) expect((await readState(who)).status).toBe(200);
    for (const who of ["con", "aud", "elsewhere"] as const) expect((await readState(who)).status).toBe(403);
  });

  it("accepting: only a school administrator of that school; every refusal is logged as a refused change, and nothing moves", async () => {
    const now = await halfGone();
    const before = (await accessRows()).length;
    for (const who of ["sup", "con", "aud", "elsewhere"] as const) expect((await accept(who, { list: "students", now })).status).toBe(403);
    expect((await accept("adm", { list: "students", now }, OTHER)).status).toBe(403);
    const refused = (await accessRows()).slice(before);
    expect(refused.map((r) => [r.actor, r.schoolId, r.dataKind, r.action, r.personCount, r.outcome])).toEqual([
      ["sup@school.example", OWN, "students", "change", 0, "refused"],
      ["con@school.example", OWN, "students", "change", 0, "refused"],
      ["aud@school.example", OWN, "students", "change", 0, "refused"],
      ["elsewhere@school.example", OWN, "students", "change", 0, "refused"],
      ["adm@school.example", OTHER, "students", "change", 0, "refused"],
    ]);
    expect(pendingOf(await readState(), "students")).toMatchObject({ now, was: ALL });
  });
});

describe("GET /api/data-quality/mass-change", () => {
  it("before any answer: no baseline, nothing waiting, the default share", async () => {
    expect((await readState()).body).toEqual({
      share: 0.2,
      lists: [
        { list: "students", baseline: null, pending: null },
        { list: "enrollments", baseline: null, pending: null },
      ],
    });
  });

  it("a change waiting: counts and times per list, whether the last good answer is served, and no pupil data", async () => {
    const now = await halfGone();
    const { body } = await readState("sup");
    expect(body!.lists[0]).toEqual({
      list: "students",
      baseline: { count: ALL, at: expect.any(String) },
      pending: { since: expect.any(String), was: ALL, now, lost: ALL - now, seenAt: expect.any(String), served: "held" },
    });
    expect(pendingOf({ status: 200, body }, "enrollments")).toMatchObject({ served: "held" });
    // After a restart the last good answer is gone: the new one is served, and the state says so.
    announceConsentChange("las-a", OWN);
    expect(pendingOf(await readState(), "students")).toMatchObject({ served: "suspect", now });
  });
});

describe("POST /api/data-quality/mass-change/accept", () => {
  it("makes the new answer the baseline, serves it from then on, logs who accepted how many records fewer; a second accept does nothing", async () => {
    const now = await halfGone();
    expect((await pupils()).held).toBeDefined();
    const before = (await accessRows()).length;
    const res = await accept("adm", { list: "students", now });
    expect(res.status).toBe(200);
    const answer = dataQualityMassChangeAccept.response.parse(await res.json());
    expect(answer).toEqual({
      accepted: true,
      state: { list: "students", baseline: { count: now, at: expect.any(String) }, pending: null },
    });
    const list = await pupils();
    expect(list.rows).toHaveLength(now);
    expect(list.held ?? list.suspect).toBeUndefined();
    const rows = (await accessRows()).slice(before);
    expect(rows.map((r) => [r.actor, r.schoolId, r.dataKind, r.action, r.personCount, r.personHash, r.outcome])).toEqual([
      ["adm@school.example", OWN, "students", "change", ALL - now, null, "served"],
    ]);
    const again = await accept("adm", { list: "students" });
    expect(dataQualityMassChangeAccept.response.parse(await again.json()).accepted).toBe(false);
    expect((await accessRows()).length).toBe(before + 1);
  });

  it("accepts the enrollments on their own, logged as a change of the enrollments", async () => {
    await halfGone();
    const waiting = pendingOf(await readState(), "enrollments")!;
    const before = (await accessRows()).length;
    expect((await accept("adm", { list: "enrollments" })).status).toBe(200);
    expect((await accessRows()).slice(before).map((r) => [r.dataKind, r.personCount])).toEqual([["enrollments", waiting.lost]]);
    expect(pendingOf(await readState(), "students")).not.toBeNull();
  });

  it("refuses (409) when the waiting change has another count than the one the administrator saw, and accepts nothing", async () => {
    const now = await halfGone();
    const res = await accept("adm", { list: "students", now: now + 1 });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "conflict",
      message: expect.stringContaining("Het antwoord van de LAS is intussen opnieuw veranderd"),
    });
    expect(pendingOf(await readState(), "students")).toMatchObject({ now });
  });
});

describe("a conclusion's CSV while a change waits", () => {
  it("the export of a check that concludes from a missing record answers 409 'not known', not an empty file", async () => {
    await halfGone();
    const res = await exportCsv(
      new Request(`${BASE}/api/data-quality/export?school=${OWN}`, {
        method: "POST",
        headers: headers("adm"),
        body: JSON.stringify({ check: "subject_without_study" }),
      }),
    );
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      "het laatste antwoord van de leerlingadministratie (LAS) wacht op beoordeling",
    );
  });
});
