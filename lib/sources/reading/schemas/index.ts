import { schoolReferenceSchema, statusResponseSchema, userReferenceSchema } from "./common";
import { consentRequestSchema, consentStatusSchema } from "./consent";
import { assignmentSchema } from "./assignment";
import { enrollmentSchema } from "./enrollment";
import type { SchemaMode } from "./mode";
import { studentSchema } from "./student";
import { schoolUserUsageSchema } from "./usage";

/** The zod counterpart of each `components/schemas` entry that the fixtures exercise. */
export function schemaByName(mode: SchemaMode) {
  return {
    Student: studentSchema(mode),
    Enrollment: enrollmentSchema(mode),
    Assignment: assignmentSchema(mode),
    SchoolUserUsage: schoolUserUsageSchema(mode),
    ConsentRequest: consentRequestSchema(mode),
    ConsentStatus: consentStatusSchema(mode),
    StatusResponse: statusResponseSchema,
    SchoolReference: schoolReferenceSchema(mode),
    UserReference: userReferenceSchema(mode),
  } as const;
}
