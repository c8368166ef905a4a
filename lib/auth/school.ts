import "server-only";
import { cookies } from "next/headers";
import { schoolsOf } from "./permissions";
import { getStaff } from "./session";

export const SCHOOL_COOKIE = "ldb.school";

/** The school the staff member works in now: the one chosen, if it is theirs, else their first. */
export async function currentSchoolId(): Promise<string | null> {
  const staff = await getStaff();
  if (!staff) return null;
  const mine = schoolsOf(staff);
  const chosen = (await cookies()).get(SCHOOL_COOKIE)?.value;
  return chosen && mine.includes(chosen) ? chosen : (mine[0] ?? null);
}
