import { describe, expect, it } from "vitest";
import { enrollmentOptions, enrollmentsOfStudent, pageEnrollments, toEnrollmentRow, type EnrollmentRow } from "./enrollments";

const ECK = `https://ketenid.nl/201703/${"5e".repeat(64)}`;

describe("enrollment rows", () => {
  it("tell study and subject enrollments apart and carry the student only as a key", () => {
    const base = {
      enrollmentId: "e1",
      student: { userMasterIdentifier: ECK },
      schoolPeriod: "2025-2026",
      beginDate: "2025-08-01",
      status: "active",
      dateCreated: "2025-06-15T08:00:00Z",
      dateLastModified: "2025-06-15T08:00:00Z",
    };
    const study = toEnrollmentRow({ ...base, enrollmentType: "study", study: "so-havo-4", studyYear: 4 });
    const subject = toEnrollmentRow({ ...base, enrollmentId: "e2", enrollmentType: "subject", subject: "sub-ne-h4b" });
    expect([study.offering, subject.offering]).toEqual(["so-havo-4", "sub-ne-h4b"]);
    expect(study.studentKey).toBe(subject.studentKey);
    expect(JSON.stringify([study, subject])).not.toContain("ketenid");
  });
});

describe("tobedeleted records", () => {
  const rows = (["active", "tobedeleted", "active", "tobedeleted", "active"] as const).map((status, i) => ({
    id: `e${i}`,
    studentKey: "k",
    type: "study",
    offering: "o",
    schoolPeriod: "p",
    beginDate: "2025-08-01",
    status,
  })) as EnrollmentRow[];
  it("are hidden by default and counted", () => {
    expect(pageEnrollments(rows, { includeToBeDeleted: false, page: 1, pageSize: 10 })).toMatchObject({ total: 3, toBeDeleted: 2 });
  });
  it("are counted within the study-year and location filters applied here", () => {
    const mixed = rows.map((r, i) => ({ ...r, studyYear: i < 2 ? 3 : 4, location: i === 0 ? "Hoofdgebouw" : "Dependance" }));
    expect(pageEnrollments(mixed, { includeToBeDeleted: false, page: 1, pageSize: 10, studyYear: 3 })).toMatchObject({
      total: 1,
      toBeDeleted: 1,
    });
    expect(
      pageEnrollments(mixed, { includeToBeDeleted: true, page: 1, pageSize: 10, location: "Dependance" }).rows.map((r) => r.id),
    ).toEqual(["e1", "e2", "e3", "e4"]);
  });
  it("are shown on request", () => {
    expect(pageEnrollments(rows, { includeToBeDeleted: true, page: 1, pageSize: 10 }).total).toBe(5);
  });
});

describe("filter options and one student's enrollments", () => {
  const row = (id: string, studentKey: string, type: string, offering: string, extra: Partial<EnrollmentRow> = {}) =>
    ({ id, studentKey, type, offering, schoolPeriod: "2025-2026", beginDate: "2025-08-01", status: "active", ...extra }) as EnrollmentRow;
  const rows = [
    row("1", "a", "study", "so-havo-2", { studyYear: 2 }),
    row("2", "a", "subject", "sub-ne-2b"),
    row("3", "b", "study", "so-havo-2", { studyYear: 2 }),
    row("4", "b", "subject", "sub-ne-10a"),
    row("5", "b", "subject", "sub-ne-2b"),
    row("6", "c", "study", "so-havo-1", { studyYear: 1, schoolPeriod: "2024-2025", status: "tobedeleted" }),
  ];

  it("lists periods (newest first) and offerings with their counts, without tobedeleted offerings", () => {
    expect(enrollmentOptions(rows)).toEqual({
      periods: ["2025-2026", "2024-2025"],
      studyOfferings: [{ id: "so-havo-2", studyYear: 2, count: 2 }],
      subjectOfferings: [
        { id: "sub-ne-2b", count: 2 },
        { id: "sub-ne-10a", count: 1 },
      ],
      studyYears: [2],
      locations: [],
    });
  });

  it("finds one student's enrollments, including those marked tobedeleted", () => {
    expect(enrollmentsOfStudent(rows, "b").map((r) => r.id)).toEqual(["3", "4", "5"]);
    expect(enrollmentsOfStudent(rows, "c").map((r) => r.status)).toEqual(["tobedeleted"]);
    expect(enrollmentsOfStudent(rows, "nobody")).toEqual([]);
  });
});
