import { z } from "zod";
import { periodObjectShape, userReferenceSchema } from "./common";
import { edvEnum, optText, text, type SchemaMode } from "./mode";

export const ASSIGNMENT_TYPES = ["class-teacher", "teacher", "coach"] as const;

/** POST /assignments/school/employee item: group for class-teacher/teacher, subject for teacher, student for coach. */
export function assignmentSchema(mode: SchemaMode) {
  return z.object({
    assignmentId: text(mode),
    employee: userReferenceSchema(mode),
    assignmentType: edvEnum(ASSIGNMENT_TYPES, mode, "assignmentType"),
    group: optText(mode),
    subject: optText(mode),
    student: userReferenceSchema(mode).optional(),
    ...periodObjectShape(mode),
  });
}

export type Assignment = z.infer<ReturnType<typeof assignmentSchema>>;
