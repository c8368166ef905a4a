import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { numRuns } from "@/lib/testing/fc-runs";
import { parseList } from "../parse-list";
import { allowedRecord } from "../../testing/seed-arbitraries";
import { ASSIGNMENT_TABLE, ENROLLMENT_TABLE, STUDENT_TABLE } from "../../testing/seed-tables";
import { assignmentSchema } from "./assignment";
import { consentStatusSchema } from "./consent";
import { enrollmentSchema } from "./enrollment";
import { normalise } from "./normalize";
import { AS_RETURNED, NEEDS_RULES, OTHER_FIELDS, returnsItsInput, scannerOf } from "./scan";
import { studentSchema } from "./student";
import { schoolUserUsageSchema } from "./usage";

const ECK = "https://ketenid.nl/201703/" + "a".repeat(128);
const enrollment = {
  enrollmentId: "e1",
  student: { userMasterIdentifier: ECK },
  enrollmentType: "study",
  study: "so-havo-4",
  studyYear: 4,
  location: { locationIds: [{ locationId: "99ZX00", locationIdType: "VE_CODE" }], name: "Meridiaan" },
  schoolPeriod: "2025-2026",
  beginDate: "2025-08-01",
  status: "active",
  dateCreated: "2025-07-01T10:00:00Z",
  dateLastModified: "2025-07-01T10:00:00Z",
};

describe("returnsItsInput: zod returns what came in, for a schema that only checks", () => {
  it("holds for the list records read as they come (objects, arrays, leaves, predicates, .refine, the either-rule)", () => {
    for (const schema of [enrollmentSchema("lenient"), studentSchema("lenient"), assignmentSchema("lenient"), enrollmentSchema("strict")])
      expect(returnsItsInput(schema)).toBe(true);
  });

  it("does not hold where zod builds something else: a transform (usage entitlements), a union with transforms (consent scopes)", () => {
    expect(returnsItsInput(schoolUserUsageSchema("lenient"))).toBe(false);
    expect(returnsItsInput(consentStatusSchema("lenient"))).toBe(false);
  });
});

describe("the generated scan", () => {
  const scan = scannerOf(enrollmentSchema("lenient"));

  it("finds what the reading rules change, at any level", () => {
    for (const changed of [
      { ...enrollment, endDate: null },
      { ...enrollment, studyPublicId: "" },
      { ...enrollment, student: { userMasterIdentifier: ECK, userIds: [] } },
      { ...enrollment, dateCreated: "2025-07-01t10:00:00z" },
      { ...enrollment, dateLastModified: "2025-07-01 10:00:00Z" },
      { ...enrollment, location: { ...enrollment.location, locationIds: [{ locationId: "", locationIdType: "VE_CODE" }] } },
    ])
      expect(scan(changed)).toBe(NEEDS_RULES);
  });

  it("tells a record zod returns as it is from one with fields zod drops, at any level", () => {
    expect(scan(enrollment)).toBe(AS_RETURNED);
    expect(scan({ ...enrollment, vendor: 1 })).toBe(OTHER_FIELDS);
    expect(scan({ ...enrollment, student: { userMasterIdentifier: ECK, vendor: 1 } })).toBe(OTHER_FIELDS);
    expect(
      scan({
        ...enrollment,
        location: { ...enrollment.location, locationIds: [{ locationId: "99ZX00", locationIdType: "VE_CODE", x: 1 }] },
      }),
    ).toBe(OTHER_FIELDS);
    // An own "__proto__" field (JSON.parse makes one) is a field zod drops.
    expect(scan(JSON.parse(`{"__proto__": 1, ${JSON.stringify(enrollment).slice(1)}`))).toBe(OTHER_FIELDS);
  });

  it("counts only plain objects as returned as they are", () => {
    expect(scan(Object.assign(Object.create(null), enrollment))).toBe(OTHER_FIELDS);
    expect(scan({ ...enrollment, student: Object.assign(Object.create({ inherited: 1 }), { userMasterIdentifier: ECK }) })).toBe(
      OTHER_FIELDS,
    );
    expect(scan({ ...enrollment, enrollmentId: undefined })).toBe(OTHER_FIELDS);
    expect(scan("not a record")).toBe(OTHER_FIELDS);
  });

  it("leaves the parts the rules do not change as they are", () => {
    const sent = { ...enrollment, endDate: null };
    const read = normalise(enrollmentSchema("lenient"), sent, () => undefined) as typeof enrollment;
    expect(read).not.toBe(sent);
    expect(read).not.toHaveProperty("endDate");
    expect(read.location).toBe(sent.location);
    expect(read.student).toBe(sent.student);
    expect(sent.endDate).toBeNull();
  });
});

describe("parseList keeps what zod returns", () => {
  it("keeps a record zod validated as it is, when zod would return it unchanged", () => {
    const sent = [enrollment, { ...enrollment, vendor: 1 }];
    const { records } = parseList(enrollmentSchema("lenient"), sent);
    expect(records[0]).toBe(sent[0]);
    expect(records[1]).not.toBe(sent[1]);
    expect(records[1]).toEqual(enrollment);
  });

  // Seed-allowed records (nulls, empties, extra fields at every level, recased date-times, unknown enums):
  // each kept record equals zod's own runtime parse of the record after the reading rules, key for key.
  it.each([
    ["students", STUDENT_TABLE, studentSchema("lenient")],
    ["enrollments", ENROLLMENT_TABLE, enrollmentSchema("lenient")],
    ["assignments", ASSIGNMENT_TABLE, assignmentSchema("lenient")],
  ] as const)("%s: equal to zod's runtime output for 2,000 allowed records", (_label, table, schema) => {
    fc.assert(
      fc.property(allowedRecord(table), (record) => {
        const { records } = parseList(schema, [record]);
        const expected = schema.safeParse(normalise(schema, record, () => undefined));
        expect(expected.success).toBe(true);
        if (!isDeepStrictEqual(records[0], expected.data)) expect(records[0]).toEqual(expected.data);
        expect(Object.keys(records[0] as object).sort()).toEqual(Object.keys(expected.data as object).sort());
      }),
      { seed: 20261130, numRuns: numRuns(2000) },
    );
  });
});
