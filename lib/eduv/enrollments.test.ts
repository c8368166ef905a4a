import { describe, expect, it } from "vitest";
import { pageEnrollments, toEnrollmentRow, type EnrollmentRow } from "./enrollments";

const ECK = `https://ketenid.nl/201703/${"5e".repeat(64)}`;

describe("enrollment rows", () => {
  it("tell study and subject enrollments apart and carry the student only as a key", () => {
    const base = { enrollmentId: "e1", student: { userMasterIdentifier: ECK }, schoolPeriod: "2025-2026", beginDate: "2025-08-01", status: "active", dateCreated: "2025-06-15T08:00:00Z", dateLastModified: "2025-06-15T08:00:00Z" };
    const study = toEnrollmentRow({ ...base, enrollmentType: "study", study: "so-havo-4", studyYear: 4 });
    const subject = toEnrollmentRow({ ...base, enrollmentId: "e2", enrollmentType: "subject", subject: "sub-ne-h4b" });
    expect([study.offering, subject.offering]).toEqual(["so-havo-4", "sub-ne-h4b"]);
    expect(study.studentKey).toBe(subject.studentKey);
    expect(JSON.stringify([study, subject])).not.toContain("ketenid");
  });
});

describe("tobedeleted records", () => {
  const rows = (["active", "tobedeleted", "active", "tobedeleted", "active"] as const).map((status, i) => ({ id: `e${i}`, studentKey: "k", type: "study", offering: "o", schoolPeriod: "p", beginDate: "2025-08-01", status })) as EnrollmentRow[];
  it("are hidden by default and counted", () => {
    expect(pageEnrollments(rows, { includeToBeDeleted: false, page: 1, pageSize: 10 })).toMatchObject({ total: 3, toBeDeleted: 2 });
  });
  it("are shown on request", () => {
    expect(pageEnrollments(rows, { includeToBeDeleted: true, page: 1, pageSize: 10 }).total).toBe(5);
  });
});
