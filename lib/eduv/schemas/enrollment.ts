import { z } from "zod";
import { locationReferenceSchema, periodObjectShape, userReferenceSchema } from "./common";
import { edvEnum, optText, text, type SchemaMode } from "./mode";

export const ENROLLMENT_TYPES = ["study", "subject"] as const;

/** GET /enrollments/school item. beginDate is inclusive, endDate exclusive. */
export function enrollmentSchema(mode: SchemaMode) {
  return z.object({
    enrollmentId: text(mode),
    student: userReferenceSchema(mode),
    enrollmentType: edvEnum(ENROLLMENT_TYPES, mode, "enrollmentType"),
    study: optText(mode),
    studyPublicId: optText(mode),
    studyYear: z.int().min(0).optional(),
    location: locationReferenceSchema(mode).optional(),
    subject: optText(mode),
    ...periodObjectShape(mode),
  });
}

export type Enrollment = z.infer<ReturnType<typeof enrollmentSchema>>;
