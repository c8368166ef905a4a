"use client";

import { downloadPost, postJson, type ApiError } from "@/components/lists/api";
import type { BodyOf, Endpoint } from "@/components/lists/contract-types";
import type { ResponseOf } from "@/lib/contracts/define";
import type { ApiErrorBody } from "@/lib/contracts/errors";
import type {
  employeesAssignments,
  employeesAssignmentsExport,
  employeesList,
  employeesRemove,
  employeesSave,
} from "@/lib/contracts/employees";

/**
 * The BFF's requests of the Medewerkers page: the endpoints, the query keys and the fetchers, typed
 * by lib/contracts/employees. The contracts are imported for their types only, so zod stays out of
 * the browser; queries.test.ts holds the endpoints to them. The school's list (GET) is read by the
 * page on the server (app/medewerkers/page.tsx), from the same feature read as its route.
 */
export const employeeEndpoints = {
  list: { method: "GET", path: "/api/employees" },
  save: { method: "POST", path: "/api/employees" },
  remove: { method: "POST", path: "/api/employees/remove" },
  assignments: { method: "POST", path: "/api/employees/assignments" },
  assignmentsExport: { method: "POST", path: "/api/employees/assignments/export" },
} as const satisfies Record<string, Endpoint>;

export type AssignmentsAnswer = ResponseOf<typeof employeesAssignments>;
export type AssignmentRow = AssignmentsAnswer["rows"][number];
export type KnownEmployees = ResponseOf<typeof employeesList>;
/**
 * The school's list as the page read it on the server and hands it to the browser: the answer, or
 * the error answer the route would have sent (its status and body, for apiErrorOf).
 */
export type KnownRead = { ok: true; value: KnownEmployees } | { ok: false; status: number; body: ApiErrorBody };
export type SaveEmployee = BodyOf<typeof employeesSave>;

type AssignmentsBody = BodyOf<typeof employeesAssignments>;
/** Who to ask about: an identifier typed in (kept in memory only) or an employee from the school's list (opaque key). */
export type Who = Required<Pick<AssignmentsBody, "employee">> | Required<Pick<AssignmentsBody, "employeeKey">>;
/** The filters the Source applies (type, period) and whether `tobedeleted` assignments show. */
export type AssignmentFilters = Pick<AssignmentsBody, "assignmentType" | "schoolPeriodId" | "includeToBeDeleted">;

export const employeeKeys = {
  /**
   * One employee's assignments under the filters. The key holds the opaque key, or a marker and the
   * kind of identifier for one typed in: never the identifier itself.
   */
  assignments: (who: Who, filters: AssignmentFilters) =>
    ["assignments", "employeeKey" in who ? who.employeeKey : "typed", filters, "employee" in who ? who.employee.userIdType : null] as const,
};

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
