import { describe, expect, it } from "vitest";
import {
  ASSIGNMENT_TYPE_NAMES,
  EMPLOYEE_ID_TYPE_NAMES,
  employeesAssignments,
  employeesAssignmentsExport,
  employeesList,
  employeesRemove,
  employeesSave,
} from "@/lib/contracts/employees";
import { ASSIGNMENT_TYPES, EMPLOYEE_ID_TYPES } from "./kinds";
import { employeeEndpoints } from "./queries";

// The browser names the endpoints and the enums without importing the contracts' values (zod stays out of its bundle): held to them here.
describe("the Medewerkers page's requests", () => {
  it("name each endpoint's method and path as its contract does", () => {
    expect(employeeEndpoints).toEqual({
      list: { method: employeesList.method, path: employeesList.path },
      save: { method: employeesSave.method, path: employeesSave.path },
      remove: { method: employeesRemove.method, path: employeesRemove.path },
      assignments: { method: employeesAssignments.method, path: employeesAssignments.path },
      assignmentsExport: { method: employeesAssignmentsExport.method, path: employeesAssignmentsExport.path },
    });
  });

  it("offer the contract's identifier kinds and assignment types, in its order", () => {
    expect(EMPLOYEE_ID_TYPES).toEqual([...EMPLOYEE_ID_TYPE_NAMES]);
    expect(ASSIGNMENT_TYPES).toEqual([...ASSIGNMENT_TYPE_NAMES]);
  });
});
