import { describe, expect, it } from "vitest";
import { shownAssignments, toAssignmentRow, type AssignmentRow } from "./assignments";

const ECK = `https://ketenid.nl/201703/${"7a".repeat(64)}`;
const base = {
  employee: { userIds: [{ userId: "jbakker3@school", userIdType: "NEPRI" as const }] },
  schoolPeriod: "2025-2026",
  beginDate: "2025-08-01",
  status: "active" as const,
  dateCreated: "2025-06-15T08:00:00Z",
  dateLastModified: "2025-06-15T08:00:00Z",
};

describe("assignment rows", () => {
  it("carry a coached student only as an opaque key", () => {
    const coach = toAssignmentRow({ ...base, assignmentId: "a1", assignmentType: "coach", student: { userMasterIdentifier: ECK } });
    expect(coach.studentKey).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(coach)).not.toContain("ketenid");
    expect(JSON.stringify(coach)).not.toContain("jbakker3");
  });

  it("keep group and subject of a teacher assignment", () => {
    expect(
      toAssignmentRow({ ...base, assignmentId: "a2", assignmentType: "teacher", group: "grp-2b", subject: "sub-ne-2b" }),
    ).toMatchObject({ type: "teacher", group: "grp-2b", subject: "sub-ne-2b", studentKey: undefined });
  });
});

describe("shown assignments", () => {
  const rows = [
    { id: "1", type: "coach", schoolPeriod: "p", beginDate: "2025-08-01", status: "active" },
    { id: "2", type: "teacher", subject: "sub-wi", schoolPeriod: "p", beginDate: "2025-08-01", status: "active" },
    { id: "3", type: "class-teacher", group: "grp-1a", schoolPeriod: "p", beginDate: "2025-08-01", status: "active" },
    { id: "4", type: "teacher", subject: "sub-en", schoolPeriod: "p", beginDate: "2024-08-01", status: "tobedeleted" },
    { id: "5", type: "teacher", subject: "sub-ak", schoolPeriod: "p", beginDate: "2025-08-01", status: "active" },
  ] as AssignmentRow[];

  it("hide tobedeleted by default, count them, and order class-teacher, teacher, coach", () => {
    expect(shownAssignments(rows, { includeToBeDeleted: false })).toMatchObject({ total: 4, toBeDeleted: 1 });
    expect(shownAssignments(rows, { includeToBeDeleted: false }).rows.map((r) => r.id)).toEqual(["3", "5", "2", "1"]);
    expect(shownAssignments(rows, { includeToBeDeleted: true }).rows.map((r) => r.id)).toEqual(["3", "5", "4", "2", "1"]);
  });
});
