import { z } from "zod";
import { ASSIGNMENT_TYPES, assignmentSchema } from "../reading/schemas/assignment";
import { schoolReferenceSchema, userReferenceSchema } from "../reading/schemas/common";
import { defineOperation } from "./define";

/**
 * POST /assignments/school/employee: a read, sent as POST because the employee's identifiers are
 * confidential and travel in the body (ERRATA 27). Employees have no master id: userIds only.
 */
export const listEmployeeAssignments = defineOperation({
  operationId: "get-assignments-for-employee-at-school",
  method: "POST",
  path: "/assignments/school/employee",
  sourceApi: "assignments",
  consentApi: "association-api",
  requiredScopes: ["eduv.association"],
  optionalScopes: [],
  query: z.strictObject({
    assignmentType: z.enum(ASSIGNMENT_TYPES).optional(),
    schoolPeriodId: z.string().min(1).optional(),
  }),
  body: z.strictObject({ school: schoolReferenceSchema("strict"), employee: userReferenceSchema("strict") }),
  item: assignmentSchema("lenient"),
  successStatus: 200,
  retryable: true,
});
