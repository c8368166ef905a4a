import { describe, expect, it } from "vitest";
import { EMPLOYEE_ID_TYPES } from "@/lib/db/employees";
import { ASSIGNMENT_TYPES } from "@/lib/sources/reading/schemas/assignment";
import { ASSIGNMENT_TYPE_NAMES, EMPLOYEE_ID_TYPE_NAMES, employeesAssignments } from "./employees";

describe("employees contract", () => {
  it("names the same employee identifier types as the store and the same assignment types as the Source side", () => {
    expect([...EMPLOYEE_ID_TYPE_NAMES]).toEqual([...EMPLOYEE_ID_TYPES]);
    expect([...ASSIGNMENT_TYPE_NAMES]).toEqual([...ASSIGNMENT_TYPES]);
  });

  it("refuses an assignments answer that carries the employee's identifier", () => {
    const answer = {
      employee: { key: "0".repeat(32), name: "J. de Wit", maskedId: "NEPRI ••••1234", known: true },
      total: 0,
      toBeDeleted: 0,
      rows: [],
      ageSeconds: 0,
      invalid: { count: 0, paths: {} },
    };
    expect(employeesAssignments.response.safeParse(answer).success).toBe(true);
    expect(employeesAssignments.response.safeParse({ ...answer, employee: { ...answer.employee, userId: "123451234" } }).success).toBe(
      false,
    );
  });
});
