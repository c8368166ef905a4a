import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { personHash } from "@/lib/privacy/person-hash";
import type { Db } from "./client";
import { schoolEmployees } from "./schema";

/** Identifier kinds an employee can be found by (Edu-V UserIdType without ECK iD: employees have no master id). */
export const EMPLOYEE_ID_TYPES = ["NEPRI", "ASI", "BPI", "eduID", "NEPPI"] as const;
export type EmployeeIdType = (typeof EMPLOYEE_ID_TYPES)[number];

export type KnownEmployee = { key: string; name: string; maskedId: string; userIdType: string; userId: string };

/** Opaque and stable: safe in the browser and in a log; the identifier itself stays on the server. */
export const employeeKey = (userIdType: string, userId: string) => personHash(`${userIdType}:${userId}`).slice(0, 32);
export const maskEmployeeId = (userIdType: string, userId: string) => `${userIdType} ••••${userId.slice(-4)}`;

export async function listKnownEmployees(db: Db, schoolId: string): Promise<KnownEmployee[]> {
  const rows = await db.select().from(schoolEmployees).where(eq(schoolEmployees.schoolId, schoolId)).orderBy(asc(schoolEmployees.name));
  return rows.map((r) => ({
    key: employeeKey(r.userIdType, r.userId),
    name: r.name,
    maskedId: maskEmployeeId(r.userIdType, r.userId),
    userIdType: r.userIdType,
    userId: r.userId,
  }));
}

/** Adds an employee to the school's list, or renames them when already there. */
export async function saveKnownEmployee(
  db: Db,
  entry: { schoolId: string; userIdType: EmployeeIdType; userId: string; name: string; addedBy: string },
): Promise<void> {
  await db
    .insert(schoolEmployees)
    .values(entry)
    .onConflictDoUpdate({
      target: [schoolEmployees.schoolId, schoolEmployees.userIdType, schoolEmployees.userId],
      set: { name: entry.name },
    });
}

/** Takes the employee with this opaque key off the school's list; returns who it was (for the access log), or undefined. */
export async function removeKnownEmployee(db: Db, schoolId: string, key: string): Promise<KnownEmployee | undefined> {
  const found = (await listKnownEmployees(db, schoolId)).find((e) => e.key === key);
  if (!found) return undefined;
  await db
    .delete(schoolEmployees)
    .where(
      and(
        eq(schoolEmployees.schoolId, schoolId),
        eq(schoolEmployees.userIdType, found.userIdType),
        eq(schoolEmployees.userId, found.userId),
      ),
    );
  return found;
}
