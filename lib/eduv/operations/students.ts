import { z } from "zod";
import { schoolQueryWith } from "../params";
import { studentSchema } from "../schemas/student";
import { defineOperation } from "./define";

/** GET /students/school: all students of a school; fields beyond basic depend on the granted scopes. */
export const listStudents = defineOperation({
  operationId: "get-students-for-school",
  method: "GET",
  path: "/students/school",
  sourceApi: "students",
  consentApi: "students-api",
  requiredScopes: ["eduv.student.basic"],
  optionalScopes: ["eduv.student.demographics", "eduv.student.communication", "eduv.student.accessibility", "eduv.student.deliveryaddress"],
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
