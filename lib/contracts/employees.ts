import { z } from "zod";
import { ageSeconds, count, isoDay, leftOutRecords, opaqueKey } from "./common";
import { contract } from "./define";

/** Identifier kinds an employee is found by: Edu-V's UserIdType without the ECK iD (lib/db/employees.ts EMPLOYEE_ID_TYPES; lib/contracts/employees.test.ts keeps them equal). */
export const EMPLOYEE_ID_TYPE_NAMES = ["NEPRI", "ASI", "BPI", "eduID", "NEPPI"] as const;
/** Edu-V's assignment types (lib/sources/reading/schemas/assignment.ts ASSIGNMENT_TYPES; kept equal by the same test). */
export const ASSIGNMENT_TYPE_NAMES = ["class-teacher", "teacher", "coach"] as const;

export const employeeIdType = z.enum(EMPLOYEE_ID_TYPE_NAMES);

/** An employee's identifier as typed into the form: in a POST body, never a URL. */
export const employeeIdentifierInput = z.strictObject({ userIdType: employeeIdType, userId: z.string().trim().min(1).max(256) });

/** An employee is given by identifier (typed into the form) or by the opaque key of one on the school's list. */
export const employeeInputShape = {
  employee: employeeIdentifierInput.optional(),
  employeeKey: z
    .string()
    .regex(/^[0-9a-f]{32}$/, "an opaque employee key")
    .optional(),
};

/** Filters the Source applies (type, period), and whether `tobedeleted` assignments are shown. */
export const assignmentFilterShape = {
  assignmentType: z.enum(ASSIGNMENT_TYPE_NAMES).optional(),
  schoolPeriodId: z.string().min(1).max(64).optional(),
  includeToBeDeleted: z.boolean().default(false),
};

/** An employee on the school's list: name and masked identifier, never the identifier. */
export const knownEmployee = z.strictObject({ key: opaqueKey, name: z.string(), maskedId: z.string() });

/**
 * An assignment as the browser sees it: a coached student only as an opaque key. `type` and
 * `status` as the Source sent them; dates yyyy-mm-dd, `beginDate` inclusive, `endDate` exclusive.
 */
export const assignmentRow = z.strictObject({
  id: z.string(),
  type: z.string(),
  group: z.string().optional(),
  subject: z.string().optional(),
  studentKey: opaqueKey.optional(),
  schoolPeriod: z.string(),
  beginDate: isoDay,
  endDate: isoDay.optional(),
  status: z.string(),
  /** Set when the coached student matched nobody because two pupils of the LAS list fit (`studentKey` is then nobody's). */
  studentAmbiguous: z.literal(true).optional(),
});

/** One employee's assignments: `total` shown, `toBeDeleted` hidden unless asked for; coached pupils named for those who may read the student list. */
export const employeeAssignments = z.strictObject({
  employee: z.strictObject({ key: opaqueKey, name: z.string().optional(), maskedId: z.string(), known: z.boolean() }),
  total: count,
  toBeDeleted: count,
  rows: z.array(assignmentRow.extend({ studentName: z.string().optional() })),
  ageSeconds,
  invalid: leftOutRecords,
});

export type EmployeeIdTypeName = z.infer<typeof employeeIdType>;
export type KnownEmployeeView = z.infer<typeof knownEmployee>;
export type AssignmentRow = z.infer<typeof assignmentRow>;
export type EmployeeAssignments = z.infer<typeof employeeAssignments>;

/** The school's employee list kept here. */
export const employeesList = contract({
  method: "GET",
  path: "/api/employees",
  response: z.strictObject({ employees: z.array(knownEmployee) }),
});

/** Adds an employee to the school's list (identifier in the body), or renames them; answers their opaque key (201). */
export const employeesSave = contract({
  method: "POST",
  path: "/api/employees",
  body: z.strictObject({ employee: employeeIdentifierInput, name: z.string().trim().min(1).max(200) }),
  response: z.strictObject({ key: opaqueKey }),
});

/** Takes an employee off the school's list, by opaque key. */
export const employeesRemove = contract({
  method: "POST",
  path: "/api/employees/remove",
  body: z.strictObject({ key: z.string().regex(/^[0-9a-f]{32}$/, "an opaque employee key") }),
  response: z.strictObject({ removed: z.literal(true) }),
});

/** One employee's class-teacher, teacher and coach assignments (a read; the identifier travels in the body). */
export const employeesAssignments = contract({
  method: "POST",
  path: "/api/employees/assignments",
  body: z.strictObject({ ...employeeInputShape, ...assignmentFilterShape, refresh: z.boolean().default(false) }),
  response: employeeAssignments,
});

/** The employee's assignments under the filters as CSV (all rows), logged as an export. */
export const employeesAssignmentsExport = contract({
  method: "POST",
  path: "/api/employees/assignments/export",
  body: z.strictObject({ ...employeeInputShape, ...assignmentFilterShape }),
  file: "text/csv",
});
