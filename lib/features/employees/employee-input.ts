import "server-only";
import { z } from "zod";
import { getStore } from "@/lib/db/client";
import { EMPLOYEE_ID_TYPES, listKnownEmployees } from "@/lib/db/employees";
import type { EmployeeRef } from "@/lib/features/employees/assignments";

/** An employee is given by identifier (typed into the form) or by the opaque key of one on the school's list: in a body, never a URL. */
export const employeeInputShape = {
  employee: z.strictObject({ userIdType: z.enum(EMPLOYEE_ID_TYPES), userId: z.string().trim().min(1).max(256) }).optional(),
  employeeKey: z.string().regex(/^[0-9a-f]{32}$/, "an opaque employee key").optional(),
};

export const assignmentFilterShape = {
  assignmentType: z.enum(["class-teacher", "teacher", "coach"]).optional(),
  schoolPeriodId: z.string().min(1).max(64).optional(),
  includeToBeDeleted: z.boolean().default(false),
};

/** The employee to ask the Source about, with their name when the school's list knows them; null when neither or an unknown key was given. */
export async function resolveEmployee(schoolId: string, input: { employee?: EmployeeRef; employeeKey?: string }): Promise<{ ref: EmployeeRef; name?: string; known: boolean } | null> {
  const { db } = await getStore();
  const known = await listKnownEmployees(db, schoolId);
  if (input.employeeKey) {
    const found = known.find((e) => e.key === input.employeeKey);
    return found ? { ref: { userIdType: found.userIdType, userId: found.userId }, name: found.name, known: true } : null;
  }
  if (!input.employee) return null;
  const found = known.find((e) => e.userIdType === input.employee!.userIdType && e.userId === input.employee!.userId);
  return { ref: input.employee, name: found?.name, known: !!found };
}
