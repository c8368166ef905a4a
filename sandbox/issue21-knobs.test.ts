import { describe, expect, it } from "vitest";
import { generateSchool } from "./data/generate";
import { SCHOOLS } from "./data/schools";
import { issue21Enrollments } from "./issue21";
import { knobsSchema } from "./knobs";
import { testSandbox } from "./testing";

/**
 * The sandbox knobs of issue 21's e2e cases (issue21.ts): enrollments that name pupils by `userIds`
 * only, enrollments of one offering with a status nobody knows, a registry that does not know the
 * school (404 naming 0023). Each is off by default and then changes nothing. Expected values are
 * written out by hand from the demo data of OBS De Regenboog (900A101, 204 pupils, 258 enrollments,
 * group 6 = so-900A101-po-6 with 27 enrollments: pupil 137 left on 2026-01-05, pupil 165 (now in
 * group 7) has last year's record there, tobedeleted, ended 2025-08-01).
 */

type Json = Record<string, unknown>;
const SEED = "leermiddelendashboard";
const regenboog = generateSchool(
  SEED,
  SCHOOLS.find((s) => s.orgMasterId === "900A101")!,
  "demo",
);
const ENROLLMENTS = "/enrollments/school?orgMasterId=900A101";
const SCHOOL = { organisationMasterIdentifier: "900A101" };
const GROUP_6 = "so-900A101-po-6";

async function enrollments(sb: ReturnType<typeof testSandbox>, query = ENROLLMENTS) {
  const r = await sb.get("las-a", query, await sb.token("las-a", "eduv.association"));
  expect(r.status).toBe(200);
  return r.body as Json[];
}

async function putKnobs(sb: ReturnType<typeof testSandbox>, patch: object) {
  return sb.app.request("/_admin/knobs", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) });
}

const withoutStudent = (e: Json) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== "student"));
const eckOf = (e: Json) => (e.student as Json).userMasterIdentifier as string;

describe("defaults: off, every answer as before", () => {
  it("the three knobs default to off", () => {
    expect(knobsSchema.parse({})).toMatchObject({
      enrollmentStudentByUserIds: false,
      unknownEnrollmentStatus: null,
      usageSchoolUnknown: false,
    });
  });

  it("the enrollments answer is the generator's, record for record", async () => {
    const sb = testSandbox();
    expect(await enrollments(sb)).toEqual(regenboog.enrollments);
    expect(issue21Enrollments(knobsSchema.parse({}), regenboog, regenboog.enrollments)).toBe(regenboog.enrollments);
  });
});

describe("enrollmentStudentByUserIds", () => {
  it("names every pupil by userIds only, in reversed order (ASI, then NEPPI), no userMasterIdentifier; the rest unchanged", async () => {
    const sb = testSandbox({ knobs: { "las-a": { enrollmentStudentByUserIds: true } } });
    const body = await enrollments(sb);
    expect(body).toHaveLength(258);
    // Pupil 0 (leerlingnummer 100006), by hand.
    expect(body[0]!.student).toEqual({
      userIds: [
        { userId: "LASA-0101-100006", userIdType: "ASI" },
        { userId: "100006@1.obsderegenboog.nl", userIdType: "NEPPI" },
      ],
    });
    // Pupil 137 (leerlingnummer 100965), the leaver of group 6.
    const leaver = body.find((e) => e.study === GROUP_6 && e.endDate === "2026-01-05")!;
    expect(leaver.student).toEqual({
      userIds: [
        { userId: "LASA-0101-100965", userIdType: "ASI" },
        { userId: "100965@1.obsderegenboog.nl", userIdType: "NEPPI" },
      ],
    });
    expect(body.every((e) => !("userMasterIdentifier" in (e.student as Json)))).toBe(true);
    expect(body.map(withoutStudent)).toEqual(regenboog.enrollments.map(withoutStudent));
    // Every pupil's entries are the student record's, reversed.
    const students = new Map(regenboog.students.map((s) => [s.userMasterIdentifier as string, s.userIds as Json[]]));
    expect(body.map((e) => e.student)).toEqual(regenboog.enrollments.map((e) => ({ userIds: [...students.get(eckOf(e))!].reverse() })));
    // The generated data stay as they were.
    expect(eckOf(regenboog.enrollments[0]!)).toMatch(/^https:\/\/ketenid\.nl\/201703\//);
  });

  it("the Source's filters still apply (by offering, narrowed to the vestiging)", async () => {
    const sb = testSandbox({ knobs: { "las-a": { enrollmentStudentByUserIds: true } } });
    const group = await enrollments(sb, `/enrollments/school?orgId=99ZZ00&orgIdType=V_ID&studyOfferingId=${GROUP_6}`);
    expect(group).toHaveLength(27);
    expect(group.every((e) => Array.isArray((e.student as Json).userIds) && !("userMasterIdentifier" in (e.student as Json)))).toBe(true);
  });

  it("acts only at the Source it is set for", async () => {
    const sb = testSandbox({ knobs: { "las-b": { enrollmentStudentByUserIds: true } } });
    expect(await enrollments(sb)).toEqual(regenboog.enrollments);
  });
});

describe("unknownEnrollmentStatus", () => {
  it("with endingBefore: only the offering's enrollments that ended before that day, here pupils 137 and 165 of group 6", async () => {
    const sb = testSandbox({
      knobs: { "las-a": { unknownEnrollmentStatus: { offering: GROUP_6, status: "pending", endingBefore: "2026-03-02" } } },
    });
    const body = await enrollments(sb);
    const changed = body.filter((e, i) => JSON.stringify(e) !== JSON.stringify(regenboog.enrollments[i]));
    expect(changed.map((e) => [eckOf(e), e.study, e.endDate, e.status])).toEqual([
      [regenboog.pupils[137]!.eck, GROUP_6, "2026-01-05", "pending"],
      [regenboog.pupils[165]!.eck, GROUP_6, "2025-08-01", "pending"],
    ]);
    expect(regenboog.pupils[137]!.leaver).toBe(true);
    expect(regenboog.pupils[165]!.studyYear).toBe(7);
  });

  it("without endingBefore: every enrollment of the offering, with the status given; nothing else", async () => {
    const sb = testSandbox({ knobs: { "las-a": { unknownEnrollmentStatus: { offering: GROUP_6, status: "Active" } } } });
    const body = await enrollments(sb);
    expect(body.filter((e) => e.status === "Active")).toHaveLength(27);
    expect(body.filter((e) => e.study === GROUP_6).every((e) => e.status === "Active")).toBe(true);
    expect(body.filter((e) => e.study !== GROUP_6)).toEqual(regenboog.enrollments.filter((e) => e.study !== GROUP_6));
  });

  it("a subject offering too (group 7-8's Engels)", async () => {
    const subject = regenboog.enrollments.find((e) => e.enrollmentType === "subject")!.subject as string;
    const expected = regenboog.enrollments.filter((e) => e.subject === subject).length;
    const sb = testSandbox({ knobs: { "las-a": { unknownEnrollmentStatus: { offering: subject, status: "pending" } } } });
    const body = await enrollments(sb);
    expect(body.filter((e) => e.status === "pending")).toHaveLength(expected);
    expect(expected).toBeGreaterThan(0);
  });

  it("combines with enrollmentStudentByUserIds", async () => {
    const sb = testSandbox({
      knobs: {
        "las-a": {
          enrollmentStudentByUserIds: true,
          unknownEnrollmentStatus: { offering: GROUP_6, status: "pending", endingBefore: "2026-03-02" },
        },
      },
    });
    const pending = (await enrollments(sb)).filter((e) => e.status === "pending");
    expect(pending.map((e) => e.student)).toEqual([
      {
        userIds: [
          { userId: "LASA-0101-100965", userIdType: "ASI" },
          { userId: "100965@1.obsderegenboog.nl", userIdType: "NEPPI" },
        ],
      },
      {
        userIds: [
          { userId: "LASA-0101-101161", userIdType: "ASI" },
          { userId: "101161@1.obsderegenboog.nl", userIdType: "NEPPI" },
        ],
      },
    ]);
  });

  it.each([
    [{ offering: GROUP_6 }, 200],
    [{ offering: GROUP_6, status: "pending", endingBefore: "2026-03-02" }, 200],
    [null, 200],
    [{ offering: GROUP_6, status: "active" }, 400],
    [{ offering: GROUP_6, status: "tobedeleted" }, 400],
    [{ offering: "" }, 400],
    [{ offering: GROUP_6, endingBefore: "02-03-2026" }, 400],
    [{ offering: GROUP_6, other: 1 }, 400],
  ])("PUT /_admin/knobs %j answers %i", async (value, status) => {
    const sb = testSandbox();
    const res = await putKnobs(sb, { "las-a": { unknownEnrollmentStatus: value } });
    expect(res.status).toBe(status);
    if (status === 200)
      expect(((await res.json()) as Record<string, Json>)["las-a"]!.unknownEnrollmentStatus).toEqual(
        value && { status: "pending", ...value },
      );
  });
});

describe("usageSchoolUnknown", () => {
  const pupil = regenboog.pupils[0]!;

  it("every usage request at that registry: 404 naming 0023, whoever is asked about", async () => {
    const sb = testSandbox({ knobs: { "lr-a": { usageSchoolUnknown: true } } });
    const t = await sb.token("lr-a", "eduv.usage.dashboard");
    for (const user of [
      { userMasterIdentifier: pupil.eck },
      { userIds: [{ userId: "LASA-0101-100006", userIdType: "ASI" }] },
      { userMasterIdentifier: `https://ketenid.nl/201703/${"0".repeat(128)}` },
    ]) {
      const r = await sb.send("lr-a", "POST", "/usage/school/user", t, { school: SCHOOL, user });
      expect([r.status, r.body]).toEqual([404, { status: 23, statusMessage: "edu_org_id unknown" }]);
    }
  });

  it("the other registry answers as before; off, this one does too", async () => {
    const sb = testSandbox({ knobs: { "lr-a": { usageSchoolUnknown: true } } });
    const b = await sb.send("lr-b", "POST", "/usage/school/user", await sb.token("lr-b", "eduv.usage.dashboard"), {
      school: SCHOOL,
      user: { userMasterIdentifier: pupil.eck },
    });
    expect(b.status === 200 || (b.status === 404 && (b.body as Json).status === 99)).toBe(true);
    expect((await putKnobs(sb, { "lr-a": { usageSchoolUnknown: false } })).status).toBe(200);
    const a = await sb.send("lr-a", "POST", "/usage/school/user", await sb.token("lr-a", "eduv.usage.dashboard"), {
      school: SCHOOL,
      user: { userMasterIdentifier: pupil.eck },
    });
    expect(a.status).toBe(200);
    expect((a.body as Json[])[0]!.user).toEqual({ userMasterIdentifier: pupil.eck });
  });

  it("the token is still checked first (401)", async () => {
    const sb = testSandbox({ knobs: { "lr-a": { usageSchoolUnknown: true } } });
    const r = await sb.app.request("/lr-a/v1/usage/school/user", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ school: SCHOOL, user: { userMasterIdentifier: pupil.eck } }),
    });
    expect(r.status).toBe(401);
  });

  it('with varianceRate 1 the 0023 comes as the string "0023", as the other error answers', async () => {
    const sb = testSandbox({ knobs: { "lr-a": { usageSchoolUnknown: true, varianceRate: 1 } } });
    const r = await sb.send("lr-a", "POST", "/usage/school/user", await sb.token("lr-a", "eduv.usage.dashboard"), {
      school: SCHOOL,
      user: { userMasterIdentifier: pupil.eck },
    });
    expect([r.status, r.body]).toEqual([404, { status: "0023", statusMessage: "edu_org_id unknown" }]);
  });
});
