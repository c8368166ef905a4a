import { z } from "zod";
import { schoolQueryWith } from "../transport/request-params";
import { ENROLLMENT_TYPES, enrollmentSchema } from "../reading/schemas/enrollment";
import { defineOperation } from "./define";

/** GET /enrollments/school: study and subject enrollments of a school. */
export const listEnrollments = defineOperation({
  operationId: "get-enrollments-for-school",
  method: "GET",
  path: "/enrollments/school",
  sourceApi: "enrollments",
  consentApi: "association-api",
  requiredScopes: ["eduv.association"],
  optionalScopes: [],
  query: schoolQueryWith({
    enrollmentType: z.enum(ENROLLMENT_TYPES).optional(),
    schoolPeriodId: z.string().min(1).optional(),
    studyOfferingId: z.string().min(1).optional(),
    subjectOfferingId: z.string().min(1).optional(),
  }),
  body: undefined,
  item: enrollmentSchema("lenient"),
  successStatus: 200,
  retryable: true,
});
