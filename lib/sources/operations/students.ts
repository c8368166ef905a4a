import { z } from "zod";
import { schoolQueryWith } from "../transport/request-params";
import { studentSchema } from "../reading/schemas/student";
import { defineOperation } from "./define";

/**
 * GET /students/school: all students of a school; fields beyond basic depend on the granted scopes.
 * The Source may also send the home address (eduv.student.deliveryaddress, spec/openapi.yaml), but
 * the dashboard never asks for it (NEVER_REQUESTED_SCOPES, ERRATA 39).
 */
export const listStudents = defineOperation({
  operationId: "get-students-for-school",
  method: "GET",
  path: "/students/school",
  sourceApi: "students",
  consentApi: "students-api",
  requiredScopes: ["eduv.student.basic"],
  optionalScopes: ["eduv.student.demographics", "eduv.student.communication", "eduv.student.accessibility"],
  query: schoolQueryWith({
    schoolPeriodId: z.string().min(1).optional(),
    studyOfferingId: z.string().min(1).optional(),
    subjectOfferingId: z.string().min(1).optional(),
  }),
  body: undefined,
  item: studentSchema("lenient"),
  successStatus: 200,
  retryable: true,
});
