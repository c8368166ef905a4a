import { describe, expect, it } from "vitest";
import { ContractHealthRecorder } from "../health/contract-health";
import { combinedState, enrollmentState, statusKind, type EnrollmentState } from "./enrollment-status";
import { toEnrollmentRows } from "@/lib/features/enrollments/enrollments";
import { parseList } from "./parse-list";
import { enrollmentSchema } from "./schemas/enrollment";

/**
 * Issue 21, item 2: one rule for "enrolled now". Seed 004: beginDate "becomes active (inclusive)",
 * endDate "becomes inactive (exclusive)"; status is ObjectStatus (ERRATA 7): `active` or
 * `tobedeleted`. The expected values below are written out by hand, not taken from the code.
 */
const TODAY = "2026-03-02";

/** The four date situations, relative to TODAY. */
const DATES = {
  beforeBegin: { beginDate: "2026-04-20", endDate: "2026-08-01" },
  within: { beginDate: "2025-08-01", endDate: "2026-08-01" },
  afterEnd: { beginDate: "2025-08-01", endDate: "2026-01-05" },
  noEnd: { beginDate: "2025-08-01" },
} as const;

/** The statuses: the two ObjectStatus values, one the dashboard does not know, and none at all. */
const STATUSES = { active: "active", tobedeleted: "tobedeleted", pending: "pending", missing: undefined } as const;

/** status × dates → state, by hand. */
const TABLE: Record<keyof typeof STATUSES, Record<keyof typeof DATES, EnrollmentState>> = {
  active: { beforeBegin: "not_current", within: "current", afterEnd: "not_current", noEnd: "current" },
  tobedeleted: { beforeBegin: "not_current", within: "not_current", afterEnd: "not_current", noEnd: "not_current" },
  pending: { beforeBegin: "unknown", within: "unknown", afterEnd: "unknown", noEnd: "unknown" },
  missing: { beforeBegin: "unknown", within: "unknown", afterEnd: "unknown", noEnd: "unknown" },
};

describe("whether an enrollment holds now: current / not current / unknown", () => {
  for (const [status, byDates] of Object.entries(TABLE)) {
    for (const [dates, expected] of Object.entries(byDates)) {
      it(`${status} × ${dates}: ${expected}`, () => {
        const r = { ...DATES[dates as keyof typeof DATES], status: STATUSES[status as keyof typeof STATUSES] };
        expect(enrollmentState(r, TODAY)).toBe(expected);
      });
    }
  }

  it("begins on its begin date (inclusive) and ends on its end date (exclusive)", () => {
    expect(enrollmentState({ status: "active", beginDate: "2026-03-02", endDate: "2026-03-03" }, TODAY)).toBe("current");
    expect(enrollmentState({ status: "active", beginDate: "2026-03-03" }, TODAY)).toBe("not_current");
    expect(enrollmentState({ status: "active", beginDate: "2025-08-01", endDate: "2026-03-02" }, TODAY)).toBe("not_current");
  });

  it("knows only the exact ObjectStatus values: another spelling is unknown, as the reader counts it", () => {
    expect(["active", "tobedeleted", "Active", "ACTIVE", "archived", "", undefined].map(statusKind)).toEqual([
      "active",
      "tobedeleted",
      "unknown",
      "unknown",
      "unknown",
      "unknown",
      "unknown",
    ]);
  });

  it("a pupil with several enrollments: current if one holds; else unknown if one has an unknown status; else not current", () => {
    expect(combinedState(["not_current", "current", "unknown"])).toBe("current");
    expect(combinedState(["not_current", "unknown"])).toBe("unknown");
    expect(combinedState(["unknown", "not_current"])).toBe("unknown");
    expect(combinedState(["not_current", "not_current"])).toBe("not_current");
    expect(combinedState([])).toBeUndefined();
  });
});

describe("an enrollment status the dashboard does not know", () => {
  const record = (enrollmentId: string, status: string) => ({
    enrollmentId,
    student: { userMasterIdentifier: `https://ketenid.nl/201703/${"7a".repeat(64)}` },
    enrollmentType: "subject",
    subject: "sub-ne-h4b",
    schoolPeriod: "2025-2026",
    beginDate: "2025-08-01",
    status,
    dateCreated: "2025-06-15T08:00:00Z",
    dateLastModified: "2025-06-15T08:00:00Z",
  });

  it("keeps the record, is counted per field in contract health (never its value), and reads as unknown", () => {
    const { records, report } = parseList(enrollmentSchema("lenient"), [
      record("e1", "active"),
      record("e2", "pending"),
      record("e3", "tobedeleted"),
    ]);
    expect(records).toHaveLength(3);
    expect(report.unknownEnumValues).toEqual({ status: 1 });
    const health = new ContractHealthRecorder();
    health.observe({
      sourceId: "las-a",
      operationId: "get-enrollments-for-school",
      at: Date.UTC(2026, 2, 2, 9),
      latencyMs: 30,
      httpStatus: 200,
      report,
    });
    const [delta] = health.take();
    expect(delta).toMatchObject({ sourceId: "las-a", operationId: "get-enrollments-for-school", unknownEnums: { status: 1 } });
    expect(JSON.stringify(delta)).not.toContain("pending");
    expect(toEnrollmentRows(records).map((r) => [r.id, r.status, enrollmentState(r, TODAY)])).toEqual([
      ["e1", "active", "current"],
      ["e2", "pending", "unknown"],
      ["e3", "tobedeleted", "not_current"],
    ]);
  });
});
