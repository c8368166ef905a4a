import { describe, expect, it } from "vitest";
import type { EnrollmentRow } from "../enrollments/enrollments";
import { enrollmentOptions } from "../enrollments/enrollments";
import { teacherOfferings } from "./teacher-offerings";

/** Issue 21: the student page's teachers and the offering counts follow the current/unknown state (enrollment-status.ts). */
const TODAY = "2026-03-02";

describe("the offerings whose teachers a pupil's page shows", () => {
  it("current and unknown-status subject enrollments, each offering once; not tobedeleted, ended, not yet begun or study enrollments", () => {
    const rows = [
      { type: "subject", offering: "sub-ne", enrolledNow: "current" },
      { type: "subject", offering: "sub-ne", enrolledNow: "current" },
      { type: "subject", offering: "sub-en", enrolledNow: "unknown" },
      { type: "subject", offering: "sub-wi", enrolledNow: "not_current" },
      { type: "subject", offering: "", enrolledNow: "current" },
      { type: "study", offering: "so-havo-4", enrolledNow: "current" },
    ] as const;
    expect(teacherOfferings(rows)).toEqual(["sub-ne", "sub-en"]);
  });
});

describe("enrollment options count current enrollments; unknown statuses are listed, not counted as current", () => {
  const row = (id: string, type: string, offering: string, extra: Partial<EnrollmentRow> = {}) =>
    ({
      id,
      studentKey: `k${id}`,
      type,
      offering,
      schoolPeriod: "2025-2026",
      beginDate: "2025-08-01",
      status: "active",
      ...extra,
    }) as EnrollmentRow;
  const rows = [
    row("1", "subject", "sub-ne-4a"), // current
    row("2", "subject", "sub-ne-4a", { status: "pending" }), // unknown
    row("3", "subject", "sub-ne-4a", { endDate: "2026-01-01" }), // ended: not current
    row("4", "subject", "sub-ne-4a", { status: "tobedeleted" }), // not listed, not counted
    row("5", "subject", "sub-en-4a", { status: "" }), // unknown (no status)
    row("6", "study", "so-havo-4", { studyYear: 4 }), // current
    row("7", "study", "so-havo-4", { studyYear: 4, beginDate: "2026-08-01" }), // not yet begun
    row("8", "study", "so-havo-3", { studyYear: 3, status: "tobedeleted" }), // an offering of tobedeleted records only: not listed
  ];

  it("on the reference date", () => {
    expect(enrollmentOptions(rows, TODAY)).toEqual({
      periods: ["2025-2026"],
      studyOfferings: [{ id: "so-havo-4", studyYear: 4, count: 1 }],
      subjectOfferings: [
        { id: "sub-en-4a", count: 0, unknownStatus: 1 },
        { id: "sub-ne-4a", count: 1, unknownStatus: 1 },
      ],
      studyYears: [4],
      locations: [],
    });
  });

  it("another date gives other counts (the same rows, not the first day's answer)", () => {
    const later = enrollmentOptions(rows, "2026-08-01");
    expect(later.studyOfferings).toEqual([{ id: "so-havo-4", studyYear: 4, count: 2 }]);
    expect(later.subjectOfferings).toEqual([
      { id: "sub-en-4a", count: 0, unknownStatus: 1 },
      { id: "sub-ne-4a", count: 1, unknownStatus: 1 },
    ]);
    expect(enrollmentOptions(rows, "2025-07-31").studyOfferings).toEqual([{ id: "so-havo-4", studyYear: 4, count: 0 }]);
  });
});
