import "server-only";
import { redirect } from "next/navigation";
import { can, type Action } from "./permissions";
import { currentSchoolId } from "./school";
import { getStaff } from "./session";
import type { StaffSession } from "./staff";

/** For pages: the signed-in staff member allowed `action` at their current school, or a redirect. */
export async function requirePermission(action: Action): Promise<{ staff: StaffSession; schoolId: string }> {
  const staff = await getStaff();
  if (!staff) redirect("/inloggen");
  const schoolId = await currentSchoolId();
  if (!schoolId || !can(staff, action, schoolId)) redirect("/geen-toegang");
  return { staff, schoolId };
}
