import { z } from "zod";
import { locationReferenceSchema, periodObjectShape, userReferenceSchema } from "./common";
import { edvEnum, integer, optText, text, type SchemaMode } from "./mode";

export const ENROLLMENT_TYPES = ["study", "subject"] as const;

/**
 * A study year: the spec bounds it at 0 (ERRATA 26); the seed types it "Geheel getal" without a
 * bound, so lenient mode keeps any integer as sent.
 */
const studyYear = (mode: SchemaMode) => (mode === "strict" ? z.int().min(0) : integer(mode)).optional();

/** GET /enrollments/school item. beginDate is inclusive, endDate exclusive. */
export function enrollmentSchema(mode: SchemaMode) {
  return z.object({
    enrollmentId: text(mode),
    student: userReferenceSchema(mode),
    enrollmentType: edvEnum(ENROLLMENT_TYPES, mode, "enrollmentType"),
    study: optText(mode),
    studyPublicId: optText(mode),
    studyYear: studyYear(mode),
    location: locationReferenceSchema(mode).optional(),
    subject: optText(mode),
    ...periodObjectShape(mode),
  });
}

export type Enrollment = z.infer<ReturnType<typeof enrollmentSchema>>;
