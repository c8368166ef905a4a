import "server-only";
import type { KnownEmployeeView } from "@/lib/contracts/employees";
import { getStore } from "@/lib/db/client";
import { listKnownEmployees } from "@/lib/db/employees";

/** The access-log entry of a read of the school's list: a list read naming everyone on it. */
type KnownAccess = { dataKind: "assignments"; action: "list"; personCount: number };

/**
 * The employee list the dashboard keeps for the school `schoolId` (names and masked identifiers,
 * never the identifiers), by name, as GET /api/employees answers it and the Medewerkers page shows
 * it, with the access-log entry of the read.
 */
export async function readKnownEmployees(schoolId: string): Promise<{ value: { employees: KnownEmployeeView[] }; access: KnownAccess }> {
  const { db } = await getStore();
  const employees = await listKnownEmployees(db, schoolId);
  return {
    value: { employees: employees.map((e) => ({ key: e.key, name: e.name, maskedId: e.maskedId })) },
    access: { dataKind: "assignments", action: "list", personCount: employees.length },
  };
}
