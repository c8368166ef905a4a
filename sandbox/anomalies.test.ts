import { beforeEach, describe, expect, it } from "vitest";
import { validateResponse } from "../spec/validate";
import { ADDED_PER_SCHOOL, ANOMALIES, ANOMALY_COUNTS } from "./data/anomalies";
import { generateSchool } from "./data/generate";
import { SCHOOLS } from "./data/schools";
import { SEED_RULES, seedViolations } from "./seed-rules";
import { testSandbox } from "./testing";

/**
 * The seedAnomalies knob (issue 25): off, the LAS answers are as the generator makes them; on, each
 * school's answers hold 11 more pupils and 12 more enrollments after the generated ones, valid, each
 * tripping one data-quality check. The checks are done here again, from the answers, independently
 * of data/anomalies.ts; the expected findings are written out by hand.
 */

type UserId = { userId: string; userIdType: string };
type Ref = { userMasterIdentifier?: string; userIds?: UserId[] };
type Student = Ref & { givenName: string; familyNamePrefix?: string; familyName: string; dateOfBirth?: string };
type Enrollment = {
  enrollmentId: string;
  student: Ref;
  enrollmentType: string;
  studyYear?: number;
  schoolPeriod: string;
  beginDate: string;
  endDate?: string;
};

const sb = testSandbox();
const SCHOOLS_OF = [
  ["las-a", "900A101"],
  ["las-a", "900A102"],
  ["las-b", "900B201"],
  ["las-b", "900B202"],
] as const;

const admin = (method: "PUT" | "POST", path: string, body?: unknown) =>
  sb.app.request(`/_admin/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const knobs = (body: unknown) => admin("PUT", "knobs", body);

beforeEach(async () => {
  await admin("POST", "reset");
  // The demo leaves 900B202's students without consent (CONSENT_GAPS); these tests read them.
  await admin("PUT", "consent", { sourceId: "las-b", orgMasterId: "900B202", api: "students-api", granted: true });
});

async function lists(source: string, query: string) {
  const scopes = "eduv.student.basic eduv.student.demographics";
  const st = await sb.get(source, `/students/school?${query}`, await sb.token(source, scopes));
  const en = await sb.get(source, `/enrollments/school?${query}`, await sb.token(source, "eduv.association"));
  expect([st.status, en.status]).toEqual([200, 200]);
  return { students: st.body as Student[], enrollments: en.body as Enrollment[] };
}

const generated = (org: string) =>
  generateSchool(
    "leermiddelendashboard",
    SCHOOLS.find((s) => s.orgMasterId === org)!,
    "demo",
  );
const label = (s: Student) => s.userIds?.[0]?.userId ?? s.userMasterIdentifier!;
const tokens = (r: Ref) => [
  ...(r.userMasterIdentifier ? [`eckId/${r.userMasterIdentifier}`] : []),
  ...(r.userIds ?? []).map((u) => `${u.userIdType}/${u.userId}`),
];

/** The seven checks over a school's answers: per check the flagged pupil records (by first userId) or enrollments (by id). */
function findings(sector: "PO" | "VO", students: Student[], enrollments: Enrollment[]): Record<string, string[]> {
  const owner = new Map<string, number>();
  students.forEach((s, i) => tokens(s).forEach((t) => owner.set(t, owner.has(t) && owner.get(t) !== i ? -1 : i)));
  const who = (r: Ref) =>
    tokens(r)
      .map((t) => owner.get(t))
      .find((i) => i !== undefined && i >= 0) ?? tokens(r)[0];
  const enrolled = new Set(enrollments.map((e) => who(e.student)));
  const groups = (key: (s: Student) => string | undefined) => {
    const count = new Map<string, number>();
    for (const s of students) if (key(s)) count.set(key(s)!, (count.get(key(s)!) ?? 0) + 1);
    return students.filter((s) => key(s) && count.get(key(s)!)! > 1).map(label);
  };
  const [lo, hi] = sector === "PO" ? [0, 8] : [1, 6];
  const studies = new Set(enrollments.filter((e) => e.enrollmentType === "study").map((e) => `${who(e.student)}|${e.schoolPeriod}`));
  const ids = (keep: (e: Enrollment) => boolean) => enrollments.filter(keep).map((e) => e.enrollmentId);
  return {
    no_eck: students.filter((s, i) => !s.userMasterIdentifier && enrolled.has(i)).map(label),
    duplicate_eck: groups((s) => s.userMasterIdentifier),
    duplicate_pupil: groups((s) => [s.givenName, s.familyNamePrefix ?? "", s.familyName, s.dateOfBirth].join("|")),
    ends_before_start: ids((e) => e.endDate !== undefined && e.endDate < e.beginDate),
    study_year_out_of_range: ids((e) => e.enrollmentType === "study" && (e.studyYear! < lo || e.studyYear! > hi)),
    date_far_off: ids((e) => e.beginDate < "2001-03-02" || (e.endDate ?? "") > "2031-03-02"),
    subject_without_study: ids((e) => e.enrollmentType === "subject" && !studies.has(`${who(e.student)}|${e.schoolPeriod}`)),
  };
}

const counts = (f: Record<string, string[]>) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.length]));
const sectorOf = (org: string) => (org.startsWith("900A") ? "PO" : "VO");
const NONE = {
  no_eck: 0,
  duplicate_eck: 0,
  duplicate_pupil: 0,
  ends_before_start: 0,
  study_year_out_of_range: 0,
  date_far_off: 0,
  subject_without_study: 0,
};
const EACH = {
  no_eck: 2,
  duplicate_eck: 2,
  duplicate_pupil: 2,
  ends_before_start: 1,
  study_year_out_of_range: 1,
  date_far_off: 2,
  subject_without_study: 1,
};

describe("seedAnomalies off (the default): the answers are the generator's", () => {
  it.each([
    ["las-a", "900A101", 204, 258],
    ["las-a", "900A102", 152, 194],
    ["las-b", "900B201", 1400, 18235],
    ["las-b", "900B202", 1000, 13025],
  ])("%s %s: %i pupils, %i enrollments, no findings", async (source, org, pupils, enrollmentCount) => {
    const { students, enrollments } = await lists(source, `orgMasterId=${org}`);
    const g = generated(org);
    expect([students.length, enrollments.length]).toEqual([g.students.length, g.enrollments.length]);
    expect([students.length, enrollments.length]).toEqual([pupils, enrollmentCount]);
    expect(JSON.stringify([students, enrollments])).not.toContain("anomaly-");
    expect(counts(findings(sectorOf(org), students, enrollments))).toEqual(NONE);
  });
});

describe("seedAnomalies on", () => {
  it("the exported numbers agree with the records and with the checks' counts", () => {
    expect(ADDED_PER_SCHOOL).toEqual({ pupils: 11, enrollments: 12 });
    expect(ANOMALY_COUNTS).toEqual(EACH);
    for (const [, org] of SCHOOLS_OF) {
      expect([ANOMALIES[org]!.students.length, ANOMALIES[org]!.enrollments.length]).toEqual([11, 12]);
    }
  });

  it.each(SCHOOLS_OF)("%s %s: the generated records unchanged and first, then exactly the added ones", async (source, org) => {
    const off = await lists(source, `orgMasterId=${org}`);
    await knobs({ [source]: { seedAnomalies: true } });
    const on = await lists(source, `orgMasterId=${org}`);
    expect(on.students.length).toBe(off.students.length + ADDED_PER_SCHOOL.pupils);
    expect(on.enrollments.length).toBe(off.enrollments.length + ADDED_PER_SCHOOL.enrollments);
    expect(JSON.stringify(on.students.slice(0, off.students.length))).toBe(JSON.stringify(off.students));
    expect(JSON.stringify(on.enrollments.slice(0, off.enrollments.length))).toBe(JSON.stringify(off.enrollments));
    const added = { students: on.students.slice(off.students.length), enrollments: on.enrollments.slice(off.enrollments.length) };
    expect(added.students.every((s) => s.userIds!.every((u) => u.userId.startsWith("anomaly-")))).toBe(true);
    expect(added.enrollments.every((e) => e.enrollmentId.startsWith(`anomaly-${org}-`))).toBe(true);
    expect(counts(findings(sectorOf(org), on.students, on.enrollments))).toEqual(EACH);
  });

  it.each(SCHOOLS_OF)("%s %s: every added record validates against the spec and keeps the seed rules", async (source, org) => {
    await knobs({ [source]: { seedAnomalies: true } });
    const on = await lists(source, `orgMasterId=${org}`);
    const students = on.students.slice(-11);
    const enrollments = on.enrollments.slice(-12);
    expect(validateResponse("get-students-for-school", 200, students).errors).toEqual([]);
    expect(validateResponse("get-enrollments-for-school", 200, enrollments).errors).toEqual([]);
    expect(students.flatMap((s) => seedViolations(s, SEED_RULES.students))).toEqual([]);
    expect(enrollments.flatMap((e) => seedViolations(e, SEED_RULES.enrollments))).toEqual([]);
    // Each added pupil is enrolled, each added enrollment names one added pupil and nobody else.
    const byToken = new Map(students.flatMap((s, i) => tokens(s).map((t) => [t, i] as const)));
    const owners = enrollments.map((e) => [...new Set(tokens(e.student).map((t) => byToken.get(t)))]);
    expect(owners.every((o) => o.length === 1 && o[0] !== undefined)).toBe(true);
    expect(new Set(owners.flat()).size).toBe(11);
  });

  it("PO, OBS De Regenboog: the findings, record by record", async () => {
    await knobs({ "las-a": { seedAnomalies: true } });
    const { students, enrollments } = await lists("las-a", "orgMasterId=900A101");
    expect(findings("PO", students, enrollments)).toEqual({
      no_eck: ["anomaly-p01@1.obsderegenboog.nl", "anomaly-bpi-900A101-p02"],
      duplicate_eck: ["anomaly-p03@1.obsderegenboog.nl", "anomaly-p04@1.obsderegenboog.nl"],
      duplicate_pupil: ["anomaly-p05@1.obsderegenboog.nl", "anomaly-p06@1.obsderegenboog.nl"],
      ends_before_start: ["anomaly-900A101-p07-study"],
      study_year_out_of_range: ["anomaly-900A101-p08-study"],
      date_far_off: ["anomaly-900A101-p09-study", "anomaly-900A101-p10-study"],
      subject_without_study: ["anomaly-900A101-p11-subject-en"],
    });
    const added = students.slice(-11);
    expect(added.slice(0, 2).map((s) => [s.userMasterIdentifier, s.userIds!.map((u) => u.userIdType)])).toEqual([
      [undefined, ["NEPPI", "ASI"]],
      [undefined, ["BPI", "ASI"]],
    ]);
    expect(added.slice(2, 4).map((s) => `${s.givenName} ${s.familyName} ${s.dateOfBirth}`)).toEqual([
      "Nora Visser 2017-04-30",
      "Sophie Meijer 2017-05-30",
    ]);
    const shared = added[2]!.userMasterIdentifier;
    expect(students.filter((s) => s.userMasterIdentifier === shared)).toHaveLength(2);
    expect(added.slice(4, 6).map((s) => [s.givenName, s.familyNamePrefix, s.familyName, s.dateOfBirth])).toEqual([
      ["Mees", "de", "Boer", "2017-06-30"],
      ["Mees", "de", "Boer", "2017-06-30"],
    ]);
    expect(added[4]!.userMasterIdentifier).not.toBe(added[5]!.userMasterIdentifier);
    const e = (id: string) => enrollments.find((x) => x.enrollmentId === `anomaly-900A101-${id}`)!;
    expect([e("p01-study").student, e("p01-study").enrollmentType, e("p01-study").schoolPeriod]).toEqual([
      { userIds: [{ userId: "anomaly-p01@1.obsderegenboog.nl", userIdType: "NEPPI" }] },
      "study",
      "2025-2026",
    ]);
    expect([e("p07-study").beginDate, e("p07-study").endDate, e("p08-study").studyYear]).toEqual(["2025-08-01", "2025-07-01", 9]);
    expect([e("p09-study").beginDate, e("p10-study").endDate]).toEqual(["1990-08-01", "2035-07-31"]);
    expect([e("p11-study-previous").schoolPeriod, e("p11-subject-en").schoolPeriod]).toEqual(["2024-2025", "2025-2026"]);
  });

  it("VO, Meridiaan College: the findings, record by record (study year 7)", async () => {
    await knobs({ "las-b": { seedAnomalies: true } });
    const { students, enrollments } = await lists("las-b", "orgMasterId=900B201");
    expect(findings("VO", students, enrollments)).toEqual({
      no_eck: ["anomaly-p01@1.meridiaancollege.nl", "anomaly-bpi-900B201-p02"],
      duplicate_eck: ["anomaly-p03@1.meridiaancollege.nl", "anomaly-p04@1.meridiaancollege.nl"],
      duplicate_pupil: ["anomaly-p05@1.meridiaancollege.nl", "anomaly-p06@1.meridiaancollege.nl"],
      ends_before_start: ["anomaly-900B201-p07-study"],
      study_year_out_of_range: ["anomaly-900B201-p08-study"],
      date_far_off: ["anomaly-900B201-p09-study", "anomaly-900B201-p10-study"],
      subject_without_study: ["anomaly-900B201-p11-subject-ne"],
    });
    expect(enrollments.find((e) => e.enrollmentId === "anomaly-900B201-p08-study")!.studyYear).toBe(7);
    const twins = students.slice(-7, -5).map((s) => `${s.givenName} ${s.familyName} ${s.dateOfBirth}`);
    expect(twins).toEqual(["Sara Kaya 2011-06-30", "Sara Kaya 2011-06-30"]);
  });

  it("the Source's filters apply to the added records too", async () => {
    await knobs({ "las-a": { seedAnomalies: true }, "las-b": { seedAnomalies: true } });
    // PO by V_ID narrows to the vestiging by default: every added pupil is registered there.
    const po = await lists("las-a", "orgId=99ZZ00&orgIdType=V_ID");
    expect([po.students.length, po.enrollments.length]).toEqual([204 + 11, 258 + 12]);
    // Meridiaan College narrowed to its main vestiging (havo, vwo; vmbo is at 99ZX01): the added pupils are havo and vwo.
    const main = await lists("las-b", "orgId=99ZX00&orgIdType=V_ID&filterByOrgId=true");
    expect(main.students).toHaveLength(933 + 11);
    const previous = await lists("las-a", "orgMasterId=900A101&schoolPeriodId=2024-2025");
    expect(previous.enrollments.filter((e) => e.enrollmentId.startsWith("anomaly-")).map((e) => e.enrollmentId)).toEqual([
      "anomaly-900A101-p11-study-previous",
    ]);
    expect(previous.students.filter((s) => label(s).startsWith("anomaly-")).map(label)).toEqual(["anomaly-p11@1.obsderegenboog.nl"]);
    const subjects = await lists("las-b", "orgMasterId=900B201&enrollmentType=subject");
    expect(subjects.enrollments.filter((e) => e.enrollmentId.startsWith("anomaly-"))).toHaveLength(1);
  });

  it("a knob per Source, and reset turns it off", async () => {
    await knobs({ "las-a": { seedAnomalies: true } });
    expect((await lists("las-b", "orgMasterId=900B202")).students).toHaveLength(1000);
    expect((await lists("las-a", "orgMasterId=900A102")).students).toHaveLength(152 + 11);
    await admin("POST", "reset");
    const after = await lists("las-a", "orgMasterId=900A102");
    expect([after.students.length, after.enrollments.length]).toEqual([152, 194]);
    expect(await (await sb.app.request("/_admin/knobs")).json()).toEqual({});
  });
});
