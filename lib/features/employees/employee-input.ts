import "server-only";
import { getStore } from "@/lib/db/client";
import { listKnownEmployees } from "@/lib/db/employees";
import type { EmployeeRef } from "@/lib/features/employees/assignments";

/** The employee to ask the Source about, with their name when the school's list knows them; null when neither or an unknown key was given. */
export async function resolveEmployee(
  schoolId: string,
  input: { employee?: EmployeeRef; employeeKey?: string },
): Promise<{ ref: EmployeeRef; name?: string; known: boolean } | null> {
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
