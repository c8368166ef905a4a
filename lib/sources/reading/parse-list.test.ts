import { describe, expect, it } from "vitest";
import { parseList } from "./parse-list";
import { studentSchema } from "./schemas/student";
import { enrollmentSchema } from "./schemas/enrollment";
import { assignmentSchema } from "./schemas/assignment";
import { lenientStatusResponseSchema } from "./schemas/common";
import { schoolUserUsageSchema } from "./schemas/usage";

const ECK = (i: number) => `https://ketenid.nl/201703/${i.toString(16).padStart(128, "0")}`;

function students(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    userMasterIdentifier: ECK(i),
    givenName: `Leerling${i}`,
    familyName: "Jansen",
    familyNamePrefix: i % 3 ? undefined : "de",
  }));
}

describe("parseList: one bad record never blanks a list", () => {
  it("keeps 2,999 of 3,000 students when one lacks its familyName, and reports the path without values", () => {
    const items: Record<string, unknown>[] = students(3000);
    const broken = items[1234]!;
    delete broken.familyName;
    broken.givenName = "Geheimenaam";
    const { records, report } = parseList(studentSchema("lenient"), items);
    expect(records).toHaveLength(2999);
    expect(report).toMatchObject({ received: 3000, kept: 2999, invalid: { count: 1, paths: { familyName: 1 }, sampleIndexes: [1234] } });
    const serialised = JSON.stringify(report);
    expect(serialised).not.toContain("Geheimenaam");
    expect(serialised).not.toContain("ketenid");
  });

  it("keeps a record whose enum value the spec does not know, and counts the field", () => {
    const items = [
      { userMasterIdentifier: ECK(1), givenName: "Emma", familyName: "Visser", gender: "x-nonbinary" },
      { userMasterIdentifier: ECK(2), givenName: "Noah", familyName: "Bakker", gender: "male" },
    ];
    const { records, report } = parseList(studentSchema("lenient"), items);
    expect(records.map((r) => r.gender)).toEqual(["x-nonbinary", "male"]);
    expect(report.unknownEnumValues).toEqual({ gender: 1 });
    expect(JSON.stringify(report)).not.toContain("x-nonbinary");
  });

  it("keeps unknown extra fields and reports nested paths with array positions folded", () => {
    const valid = {
      enrollmentId: "e1",
      student: { userIds: [{ userId: "1234@1.school.nl", userIdType: "NEPPI" }] },
      enrollmentType: "subject",
      subject: "nl-h4b",
      schoolPeriod: "2025-2026",
      beginDate: "2025-08-01",
      status: "active",
      dateCreated: "2025-07-01T10:00:00Z",
      dateLastModified: "2025-07-01T10:00:00Z",
      vendorExtension: { a: 1 },
    };
    const badNested = { ...valid, enrollmentId: "e2", student: { userIds: [{ userId: "", userIdType: "NEPPI" }] } };
    const badDate = { ...valid, enrollmentId: "e3", beginDate: "2025-02-30" };
    const { records, report } = parseList(enrollmentSchema("lenient"), [valid, badNested, badDate]);
    expect(records.map((r) => r.enrollmentId)).toEqual(["e1"]);
    // The empty identifier is left out of userIds (it identifies nobody), which leaves the student without one.
    expect(report.invalid.paths).toEqual({ "student.userMasterIdentifier|userIds": 1, beginDate: 1 });
  });

  it("treats a non-object record as invalid without throwing", () => {
    const { records, report } = parseList(studentSchema("lenient"), [null, 42, "x"]);
    expect(records).toEqual([]);
    expect(report.invalid).toMatchObject({ count: 3, paths: { "(record)": 3 } });
  });
});

describe("reading rules: what the seeds allow is read, and counted", () => {
  const enrollment = {
    enrollmentId: "e1",
    student: { userMasterIdentifier: ECK(7) },
    enrollmentType: "study",
    study: "so-havo-4",
    studyYear: 4,
    schoolPeriod: "2025-2026",
    beginDate: "2025-08-01",
    status: "active",
    dateCreated: "2025-07-01T10:00:00Z",
    dateLastModified: "2025-07-01T10:00:00Z",
  };

  it('null, "" and [] on optional fields are absent: the record is kept and each field counted', () => {
    const items = [
      { ...enrollment, endDate: null, location: null, studyPublicId: "" },
      {
        ...enrollment,
        enrollmentId: "e2",
        student: { userMasterIdentifier: "", userIds: [{ userId: "4711@1.school.nl", userIdType: "NEPPI" }] },
      },
      { ...enrollment, enrollmentId: "e3", student: { userMasterIdentifier: ECK(8), userIds: [] } },
    ];
    const { records, report } = parseList(enrollmentSchema("lenient"), items);
    expect(records.map((r) => r.enrollmentId)).toEqual(["e1", "e2", "e3"]);
    expect(records[0]).not.toHaveProperty("endDate");
    expect(records[0]).not.toHaveProperty("location");
    expect(records[1]!.student).toEqual({ userIds: [{ userId: "4711@1.school.nl", userIdType: "NEPPI" }] });
    expect(report.normalized).toEqual({
      endDate: 1,
      location: 1,
      studyPublicId: 1,
      "student.userMasterIdentifier": 1,
      "student.userIds": 1,
    });
    expect(report.invalid.count).toBe(0);
  });

  it("an empty name or reference is kept as sent (the seeds say string, not non-empty)", () => {
    const { records, report } = parseList(studentSchema("lenient"), [
      { userMasterIdentifier: ECK(1), givenName: "", familyName: "Jansen" },
    ]);
    expect(records).toEqual([{ userMasterIdentifier: ECK(1), givenName: "", familyName: "Jansen" }]);
    expect(report.normalized).toEqual({});
  });

  it("a date-time in lower case, with a space or any fraction is read and written canonically", () => {
    const items = [
      { ...enrollment, dateCreated: "2025-07-01t10:00:00.123456789z" },
      { ...enrollment, enrollmentId: "e2", dateLastModified: "2025-07-01 10:00:00+02:00" },
      { ...enrollment, enrollmentId: "e3", dateCreated: "2025-07-01T10:00:00.5Z" },
    ];
    const { records, report } = parseList(enrollmentSchema("lenient"), items);
    expect(records.map((r) => [r.dateCreated, r.dateLastModified])).toEqual([
      ["2025-07-01T10:00:00.123456789Z", "2025-07-01T10:00:00Z"],
      ["2025-07-01T10:00:00Z", "2025-07-01T10:00:00+02:00"],
      ["2025-07-01T10:00:00.5Z", "2025-07-01T10:00:00Z"],
    ]);
    expect(report.normalized).toEqual({ dateCreated: 1, dateLastModified: 1 });
  });

  it("a record is left out only for what the seeds require: a required field null or missing, no identifier at all; a date that does not exist in an optional field is left out alone", () => {
    const items = [
      { userMasterIdentifier: ECK(1), givenName: null, familyName: "Jansen" },
      { userMasterIdentifier: "", userIds: [], givenName: "Sem", familyName: "Jansen" },
      { userMasterIdentifier: ECK(2), givenName: "Sem", familyName: "Jansen", dateOfBirth: "2014-02-30" },
      { userMasterIdentifier: ECK(3), givenName: "Sem", familyName: "Jansen", gender: "x-new", dateOfBirth: null },
    ];
    const invalid: string[][] = [];
    const { records, report } = parseList(studentSchema("lenient"), items, { onInvalid: (_item, paths) => invalid.push([...paths]) });
    // Issue 21 item 5: the impossible dateOfBirth (optional) no longer drops the pupil, only itself.
    expect(records.map((r) => r.userMasterIdentifier)).toEqual([ECK(2), ECK(3)]);
    expect(records[0]).not.toHaveProperty("dateOfBirth");
    expect(report.invalid.paths).toEqual({ givenName: 1, "userMasterIdentifier|userIds": 1 });
    expect(invalid).toEqual([["givenName"], ["userMasterIdentifier|userIds"]]);
    expect(report.leftOutItems).toEqual({ dateOfBirth: 1 });
    // The unknown gender is counted once, for the kept record only; a failed first attempt reports nothing.
    expect(report.unknownEnumValues).toEqual({ gender: 1 });
    expect(report.normalized).toEqual({ dateOfBirth: 1 });
  });

  it('conformance case: a negative studyYear keeps the enrollment as sent (seed 004: "Geheel getal" without a bound; the spec\'s minimum 0 is ours)', () => {
    const { records, report } = parseList(enrollmentSchema("lenient"), [{ ...enrollment, studyYear: -1 }]);
    expect(records.map((r) => r.studyYear)).toEqual([-1]);
    expect(report.invalid.count).toBe(0);
    expect(enrollmentSchema("strict").safeParse({ ...enrollment, studyYear: -1 }).success).toBe(false);
  });

  it('an employee\'s empty userMasterIdentifier next to their userIds ("For Employees this value is empty")', () => {
    const assignment = {
      assignmentId: "a1",
      employee: { userMasterIdentifier: "", userIds: [{ userId: "jbakker@school", userIdType: "NEPRI" }] },
      assignmentType: "teacher",
      subject: "ne-h4",
      schoolPeriod: "2025-2026",
      beginDate: "2025-08-01",
      status: "active",
      dateCreated: "2025-07-01T10:00:00Z",
      dateLastModified: "2025-07-01T10:00:00Z",
    };
    const { records, report } = parseList(assignmentSchema("lenient"), [assignment]);
    expect(records).toHaveLength(1);
    expect(report.normalized).toEqual({ "employee.userMasterIdentifier": 1 });
  });
});

describe("usage answers: entitlement items are read one by one", () => {
  const answer = (entitlements: unknown[], extra: Record<string, unknown> = {}) => ({
    school: { organisationMasterIdentifier: "900B201" },
    user: { userMasterIdentifier: ECK(1) },
    entitlements,
    ...extra,
  });

  it("a bad item is left out and counted; the answer, its totals and the other items stand; odd shapes are kept as they come", () => {
    const items = [
      { entitlementId: "e1", productId: "9789006000001", entitlementStatus: "licensed" },
      "not an object",
      { entitlementId: "e2", productId: "9789006000002", entitlementStatus: "entitled", startDate: "2025-13-01" },
      { ean: "9789006000003", status: "active", title: "Getal & Ruimte" },
      { productId: "9789006000004", endDate: null, entitlementStatus: "suspended" },
    ];
    const { records, report } = parseList(schoolUserUsageSchema("lenient"), [answer(items, { totalLicensed: 1, totalEntitled: null })]);
    expect(records).toHaveLength(1);
    const kept = records[0]!.entitlements;
    expect(kept).toEqual([
      { entitlementId: "e1", productId: "9789006000001", entitlementStatus: "licensed" },
      { ean: "9789006000003", status: "active", title: "Getal & Ruimte" },
      { productId: "9789006000004", entitlementStatus: "suspended" },
    ]);
    expect(records[0]!.totalLicensed).toBe(1);
    expect(records[0]).not.toHaveProperty("totalEntitled");
    expect(report.leftOutItems).toEqual({ "entitlements[]": 1, "entitlements[].startDate": 1 });
    expect(report.normalized).toEqual({ totalEntitled: 1, "entitlements[].endDate": 1 });
    expect(report.unknownEnumValues).toEqual({ entitlementStatus: 1 });
    expect(report.invalid.count).toBe(0);
  });

  it("a negative total is left out alone and counted (a count cannot be negative; it would subtract), the answer kept", () => {
    const { records, report } = parseList(schoolUserUsageSchema("lenient"), [answer([], { totalCancelled: -1, totalLicensed: 2 })]);
    expect(records).toHaveLength(1);
    expect(records[0]).not.toHaveProperty("totalCancelled");
    expect(records[0]!.totalLicensed).toBe(2);
    expect(report.invalid.count).toBe(0);
    expect(report.leftOutItems).toEqual({ totalCancelled: 1 });
    expect(schoolUserUsageSchema("strict").safeParse(answer([], { totalCancelled: -1 })).success).toBe(false);
  });

  it("an answer without its required parts is still left out", () => {
    const { records, report } = parseList(schoolUserUsageSchema("lenient"), [
      { school: { organisationMasterIdentifier: "900B201" }, entitlements: [] },
    ]);
    expect(records).toEqual([]);
    expect(report.invalid.paths).toEqual({ user: 1 });
  });
});

describe("error answers", () => {
  it("read status as a number or a numeric string", () => {
    expect(lenientStatusResponseSchema.parse({ status: "0022", statusMessage: "consent required" })).toEqual({
      status: 22,
      statusMessage: "consent required",
    });
    expect(lenientStatusResponseSchema.parse({ status: 21, statusMessage: null })).toEqual({ status: 21 });
    expect(lenientStatusResponseSchema.safeParse({ status: "consent" }).success).toBe(false);
  });
});
