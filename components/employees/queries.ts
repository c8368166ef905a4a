"use client";

import { downloadPost, getJson, postJson, type ApiError } from "@/components/lists/api";
import type { BodyOf, Endpoint } from "@/components/lists/contract-types";
import type { ResponseOf } from "@/lib/contracts/define";
import type {
  ASSIGNMENT_TYPE_NAMES,
  EmployeeIdTypeName,
  employeesAssignments,
  employeesAssignmentsExport,
  employeesList,
  employeesRemove,
  employeesSave,
} from "@/lib/contracts/employees";

/**
 * The BFF's requests of the Medewerkers page: the endpoints, the query keys and the fetchers, typed
 * by lib/contracts/employees. The contracts are imported for their types only, so zod stays out of
 * the browser; queries.test.ts holds the endpoints and the names below to them.
 */
export const employeeEndpoints = {
  list: { method: "GET", path: "/api/employees" },
  save: { method: "POST", path: "/api/employees" },
  remove: { method: "POST", path: "/api/employees/remove" },
  assignments: { method: "POST", path: "/api/employees/assignments" },
  assignmentsExport: { method: "POST", path: "/api/employees/assignments/export" },
} as const satisfies Record<string, Endpoint>;

export type AssignmentTypeName = (typeof ASSIGNMENT_TYPE_NAMES)[number];
/** The identifier kinds an employee is found by, in the contract's order (each one named: the compiler checks none is missing). */
export const EMPLOYEE_ID_TYPES = Object.keys({ NEPRI: 1, ASI: 1, BPI: 1, eduID: 1, NEPPI: 1 } satisfies Record<
  EmployeeIdTypeName,
  1
>) as EmployeeIdTypeName[];
/** Edu-V's assignment types, in the contract's order. */
export const ASSIGNMENT_TYPES = Object.keys({ "class-teacher": 1, teacher: 1, coach: 1 } satisfies Record<
  AssignmentTypeName,
  1
>) as AssignmentTypeName[];

export type AssignmentsAnswer = ResponseOf<typeof employeesAssignments>;
export type AssignmentRow = AssignmentsAnswer["rows"][number];
export type KnownEmployees = ResponseOf<typeof employeesList>;
export type SaveEmployee = BodyOf<typeof employeesSave>;

type AssignmentsBody = BodyOf<typeof employeesAssignments>;
/** Who to ask about: an identifier typed in (kept in memory only) or an employee from the school's list (opaque key). */
export type Who = Required<Pick<AssignmentsBody, "employee">> | Required<Pick<AssignmentsBody, "employeeKey">>;
/** The filters the Source applies (type, period) and whether `tobedeleted` assignments show. */
export type AssignmentFilters = Pick<AssignmentsBody, "assignmentType" | "schoolPeriodId" | "includeToBeDeleted">;

export const employeeKeys = {
  /** The school's employee list. */
  list: ["employees"] as const,
  /**
   * One employee's assignments under the filters. The key holds the opaque key, or a marker and the
   * kind of identifier for one typed in: never the identifier itself.
   */
  assignments: (who: Who | null, filters: AssignmentFilters) =>
    [
      "assignments",
      who && "employeeKey" in who ? who.employeeKey : who ? "typed" : null,
      filters,
      who && "employee" in who ? who.employee.userIdType : null,
    ] as const,
};

export function fetchKnownEmployees(): Promise<KnownEmployees> {
  return getJson<KnownEmployees>(employeeEndpoints.list.path);
}

/** The identifier travels in the body, never in a URL; `refresh` asks the Source again instead of the BFF's cache. */
export function fetchAssignments(who: Who, filters: AssignmentFilters, refresh = false): Promise<AssignmentsAnswer> {
  const body: AssignmentsBody = { ...who, ...filters, refresh };
  return postJson<AssignmentsAnswer>(employeeEndpoints.assignments.path, body);
}

export function exportAssignments(who: Who, filters: AssignmentFilters): Promise<ApiError | null> {
  const body: BodyOf<typeof employeesAssignmentsExport> = { ...who, ...filters };
  return downloadPost(employeeEndpoints.assignmentsExport.path, body, "toewijzingen.csv");
}

/** Adds an employee to the school's list (or renames them). */
export function saveEmployee(body: SaveEmployee): Promise<ResponseOf<typeof employeesSave>> {
  return postJson<ResponseOf<typeof employeesSave>>(employeeEndpoints.save.path, body);
}

export function removeEmployee(key: string): Promise<ResponseOf<typeof employeesRemove>> {
  const body: BodyOf<typeof employeesRemove> = { key };
  return postJson<ResponseOf<typeof employeesRemove>>(employeeEndpoints.remove.path, body);
}
