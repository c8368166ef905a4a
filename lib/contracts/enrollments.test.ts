import { describe, expect, expectTypeOf, it } from "vitest";
import { enrollmentState as stateOf, type EnrollmentState } from "@/lib/sources/reading/enrollment-status";
import { ENROLLMENT_TYPES } from "@/lib/sources/reading/schemas/enrollment";
import { ENROLLMENT_STATE_NAMES, ENROLLMENT_TYPE_NAMES, enrollmentState, type EnrollmentStateName } from "./enrollments";

describe("enrollments contract", () => {
  it("names the same enrollment types and states as the Source side", () => {
    expect([...ENROLLMENT_TYPE_NAMES]).toEqual([...ENROLLMENT_TYPES]);
    expectTypeOf<EnrollmentStateName>().toEqualTypeOf<EnrollmentState>();
    const states = [
      stateOf({ status: "active", beginDate: "2025-08-01" }, "2026-03-02"),
      stateOf({ status: "tobedeleted", beginDate: "2025-08-01" }, "2026-03-02"),
      stateOf({ status: "pending", beginDate: "2025-08-01" }, "2026-03-02"),
    ];
    expect(states).toEqual([...ENROLLMENT_STATE_NAMES]);
    for (const s of states) expect(enrollmentState.safeParse(s).success).toBe(true);
  });
});
