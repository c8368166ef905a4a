import { describe, expect, it } from "vitest";
import { parseList } from "./lenient";
import { studentSchema } from "./schemas/student";
import { enrollmentSchema } from "./schemas/enrollment";

const ECK = (i: number) => `https://ketenid.nl/201703/${i.toString(16).padStart(128, "0")}`;

function students(n: number) {
  return Array.from({ length: n }, (_, i) => ({ userMasterIdentifier: ECK(i), givenName: `Leerling${i}`, familyName: "Jansen", familyNamePrefix: i % 3 ? undefined : "de" }));
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
      enrollmentId: "e1", student: { userIds: [{ userId: "1234@1.school.nl", userIdType: "NEPPI" }] }, enrollmentType: "subject",
      subject: "nl-h4b", schoolPeriod: "2025-2026", beginDate: "2025-08-01", status: "active",
      dateCreated: "2025-07-01T10:00:00Z", dateLastModified: "2025-07-01T10:00:00Z", vendorExtension: { a: 1 },
    };
    const badNested = { ...valid, enrollmentId: "e2", student: { userIds: [{ userId: "", userIdType: "NEPPI" }] } };
    const badDate = { ...valid, enrollmentId: "e3", beginDate: "2025-02-30" };
    const { records, report } = parseList(enrollmentSchema("lenient"), [valid, badNested, badDate]);
    expect(records.map((r) => r.enrollmentId)).toEqual(["e1"]);
    expect(report.invalid.paths).toEqual({ "student.userIds[].userId": 1, beginDate: 1 });
  });

  it("treats a non-object record as invalid without throwing", () => {
    const { records, report } = parseList(studentSchema("lenient"), [null, 42, "x"]);
    expect(records).toEqual([]);
    expect(report.invalid).toMatchObject({ count: 3, paths: { "(record)": 3 } });
  });
});
