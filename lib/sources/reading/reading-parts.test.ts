import { describe, expect, it } from "vitest";
import { parseAnswer, parseList } from "./parse-list";
import { assignmentSchema } from "./schemas/assignment";
import { sendableUser, userReferenceSchema } from "./schemas/common";
import { enrollmentSchema } from "./schemas/enrollment";
import { studentSchema } from "./schemas/student";
import { schoolUserUsageSchema } from "./schemas/usage";

/**
 * Issue 21 items 5 and 6, each case written out by hand: an invalid optional field or list item is
 * left out and counted by field path while the record is kept; metadata nobody reads never decides
 * a record's life; totals are counts; a usage answer may be one object; what is sent is what a
 * request may carry.
 */
const ECK = `https://ketenid.nl/201703/${"ab".repeat(64)}`;
const pupil = { userMasterIdentifier: ECK, givenName: "Noor", familyName: "Visser" };
const address = { street: "Kerkstraat", houseNumber: 12, zipCode: "3511 AB", city: "Utrecht" };
const period = {
  schoolPeriod: "2025-2026",
  beginDate: "2025-08-01",
  status: "active",
  dateCreated: "2025-07-01T10:00:00Z",
  dateLastModified: "2025-07-01T10:00:00Z",
};
const enrollment = { enrollmentId: "e1", student: { userMasterIdentifier: ECK }, enrollmentType: "subject", subject: "4H-ne1", ...period };
const assignment = {
  assignmentId: "a1",
  employee: { userIds: [{ userId: "jbakker@school.nl", userIdType: "NEPRI" }] },
  assignmentType: "coach",
  ...period,
};
const usage = { school: { organisationMasterIdentifier: "900B201" }, user: { userMasterIdentifier: ECK }, entitlements: [] };

const read = <S extends Parameters<typeof parseList>[0]>(schema: S, record: unknown) => {
  const { records, report } = parseList(schema, [record]);
  return {
    record: records[0] as Record<string, unknown> | undefined,
    kept: records.length,
    invalid: report.invalid.paths,
    leftOut: report.leftOutItems,
    normalized: report.normalized,
  };
};

describe("drop the part, keep the record (issue 21 item 5)", () => {
  it("an address of {} is left out with the four fields it lacks; the pupil is kept", () => {
    const r = read(studentSchema("lenient"), { ...pupil, address: {} });
    expect(r.record).toEqual(pupil);
    expect(r.invalid).toEqual({});
    expect(r.leftOut).toEqual({ "address.street": 1, "address.houseNumber": 1, "address.zipCode": 1, "address.city": 1 });
  });

  it('a houseNumber of "12" is read as 12 (counted); "12a" leaves the address out, and what was read inside it is forgotten', () => {
    const twelve = read(studentSchema("lenient"), { ...pupil, address: { ...address, houseNumber: "12" } });
    expect(twelve.record).toEqual({ ...pupil, address });
    expect(twelve.normalized).toEqual({ "address.houseNumber": 1 });
    expect(twelve.leftOut).toEqual({});
    const bad = read(studentSchema("lenient"), { ...pupil, address: { ...address, houseNumber: "12a", country: "" } });
    expect(bad.record).toEqual(pupil);
    expect(bad.leftOut).toEqual({ "address.houseNumber": 1 });
    expect(bad.normalized).toEqual({});
  });

  it("a part left out is counted by what left it out: a bad field inside it is forgotten with it", () => {
    const r = read(studentSchema("lenient"), { ...pupil, address: { ...address, houseNumber: null, countryCode: 42 } });
    expect(r.record).toEqual(pupil);
    expect(r.leftOut).toEqual({ "address.houseNumber": 1 });
    expect(r.normalized).toEqual({});
  });

  it("a dateOfBirth sent as a date-time is left out (its day depends on the offset); the pupil is kept", () => {
    const r = read(studentSchema("lenient"), { ...pupil, dateOfBirth: "2012-05-03T00:00:00Z", gender: "female" });
    expect(r.record).toEqual({ ...pupil, gender: "female" });
    expect(r.leftOut).toEqual({ dateOfBirth: 1 });
  });

  it("userIds: [null] next to a valid ECK iD: the item is left out, the pupil kept by the ECK iD", () => {
    const r = read(studentSchema("lenient"), { ...pupil, userIds: [null] });
    expect(r.record).toEqual(pupil);
    expect(r.leftOut).toEqual({ "userIds[]": 1 });
  });

  it("a bad userIds item next to a good one: only the bad one goes; with nothing left the pupil is left out as before", () => {
    const neppi = { userId: "1234@1.school.nl", userIdType: "NEPPI" };
    const kept = read(studentSchema("lenient"), {
      givenName: "Sem",
      familyName: "Jansen",
      userIds: [null, neppi, { userId: 7, userIdType: "ASI" }],
    });
    expect(kept.record).toEqual({ givenName: "Sem", familyName: "Jansen", userIds: [neppi] });
    expect(kept.leftOut).toEqual({ "userIds[]": 1, "userIds[].userId": 1 });
    const none = read(studentSchema("lenient"), { givenName: "Sem", familyName: "Jansen", userIds: [null] });
    expect(none.kept).toBe(0);
    expect(none.invalid).toEqual({ "userMasterIdentifier|userIds": 1 });
    expect(none.leftOut).toEqual({});
  });

  it("student: {} on an assignment is left out (it names nobody); the assignment is kept", () => {
    const r = read(assignmentSchema("lenient"), { ...assignment, student: {} });
    expect(r.record).toEqual(assignment);
    expect(r.leftOut).toEqual({ "student.userMasterIdentifier|userIds": 1 });
    // A required reference that names nobody still leaves the record out.
    expect(read(assignmentSchema("lenient"), { ...assignment, employee: {} }).invalid).toEqual({
      "employee.userMasterIdentifier|userIds": 1,
    });
  });

  it('totals: "3" is 3 (counted), "drie", 2.5 and -1 are left out alone and counted; the answer is kept', () => {
    const r = read(schoolUserUsageSchema("lenient"), {
      ...usage,
      totalLicensed: "3",
      totalEntitled: "drie",
      totalCancelled: 2.5,
      totalBlocked: -1,
      totalExpired: 0,
    });
    expect(r.record).toEqual({ ...usage, totalLicensed: 3, totalExpired: 0 });
    expect(r.normalized).toEqual({ totalLicensed: 1 });
    expect(r.leftOut).toEqual({ totalEntitled: 1, totalCancelled: 1, totalBlocked: 1 });
    expect(r.invalid).toEqual({});
  });

  it('a studyYear of "4" is 4; a location whose identifier item is bad keeps the location without it', () => {
    const r = read(enrollmentSchema("lenient"), {
      ...enrollment,
      studyYear: "4",
      location: { name: "Hoofdgebouw", locationIds: [{ locationId: 99, locationIdType: "VE_CODE" }] },
    });
    expect(r.record).toEqual({ ...enrollment, studyYear: 4, location: { name: "Hoofdgebouw" } });
    expect(r.normalized).toEqual({ studyYear: 1 });
    expect(r.leftOut).toEqual({ "location.locationIds[].locationId": 1 });
  });
});

describe("metadata nobody reads never decides a record's life", () => {
  it.each([
    ["without an offset", "2025-07-01T10:00:00"],
    ["without seconds", "2025-07-01T10:00Z"],
    ["with a leap second (RFC 3339 §5.6)", "2016-12-31T23:59:60Z"],
    ["as a full-date", "2025-07-01"],
    ["with an offset without colon", "2025-07-01T10:00:00+0200"],
  ])("dateCreated %s is kept as sent, nothing counted", (_label, value) => {
    const r = read(enrollmentSchema("lenient"), { ...enrollment, dateCreated: value });
    expect(r.record).toEqual({ ...enrollment, dateCreated: value });
    expect({ leftOut: r.leftOut, invalid: r.invalid, normalized: r.normalized }).toEqual({ leftOut: {}, invalid: {}, normalized: {} });
  });

  it("a dateLastModified that is no moment (or is missing) leaves the record kept: the value left out and counted", () => {
    const bad = read(enrollmentSchema("lenient"), { ...enrollment, dateLastModified: "2025-02-30T10:00:00Z" });
    const rest: Record<string, unknown> = { ...enrollment };
    delete rest.dateLastModified;
    expect(bad.record).toEqual(rest);
    expect(bad.leftOut).toEqual({ dateLastModified: 1 });
    const withoutCreated: Record<string, unknown> = { ...assignment };
    delete withoutCreated.dateCreated;
    const missing = read(assignmentSchema("lenient"), withoutCreated);
    expect(missing.kept).toBe(1);
    expect(missing.invalid).toEqual({});
  });

  it("a beginDate that is no date still leaves the record out (it is read: whether an enrollment is current)", () => {
    expect(read(enrollmentSchema("lenient"), { ...enrollment, beginDate: "2025-02-30" }).invalid).toEqual({ beginDate: 1 });
  });
});

describe("a usage answer sent as one object", () => {
  it("is read as a list of one where allowed, and counted under (answer)", () => {
    const read1 = parseAnswer(schoolUserUsageSchema("lenient"), { ...usage, totalLicensed: 1 }, { oneObjectAsList: true });
    expect(read1?.records).toEqual([{ ...usage, totalLicensed: 1 }]);
    expect(read1?.report.normalized).toEqual({ "(answer)": 1 });
    expect(parseAnswer(schoolUserUsageSchema("lenient"), usage)).toBeUndefined();
    expect(parseAnswer(schoolUserUsageSchema("lenient"), "tekst", { oneObjectAsList: true })).toBeUndefined();
    expect(parseAnswer(schoolUserUsageSchema("lenient"), [usage])?.report.normalized).toEqual({});
  });
});

describe("what is sent agrees with what was read (issue 21 item 6)", () => {
  it("sends the ECK iD when there is one, else only userIds of a type Edu-V names; nothing when none is left", () => {
    expect(sendableUser({ userMasterIdentifier: ECK, userIds: [{ userId: "x", userIdType: "LAS-KEY" }] })).toEqual({
      userMasterIdentifier: ECK,
    });
    const mixed = sendableUser({
      userIds: [
        { userId: "k1", userIdType: "LAS-KEY" },
        { userId: "1234@1.school.nl", userIdType: "NEPPI" },
      ],
    });
    expect(mixed).toEqual({ userIds: [{ userId: "1234@1.school.nl", userIdType: "NEPPI" }] });
    expect(userReferenceSchema("strict").safeParse(mixed).success).toBe(true);
    expect(sendableUser({ userIds: [{ userId: "k1", userIdType: "LAS-KEY" }] })).toBeUndefined();
    expect(sendableUser({})).toBeUndefined();
  });

  it("every pupil the lenient reader keeps is either sendable by the strict body or has nothing to send", () => {
    const { records } = parseList(studentSchema("lenient"), [
      { ...pupil },
      {
        givenName: "A",
        familyName: "B",
        userIds: [
          { userId: "k1", userIdType: "x-las" },
          { userId: "u1", userIdType: "eduID" },
        ],
      },
      { givenName: "C", familyName: "D", userIds: [{ userId: "k2", userIdType: "x-las" }] },
    ]);
    const sent = records.map((r) => sendableUser(r));
    expect(sent.map((u) => (u ? userReferenceSchema("strict").safeParse(u).success : "nothing"))).toEqual([true, true, "nothing"]);
  });
});
