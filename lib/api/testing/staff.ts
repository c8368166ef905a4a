import { schoolRules } from "@/lib/auth/grants";
import { authSettings } from "@/lib/auth/settings";
import { staffForSession, type StaffSession } from "@/lib/auth/staff";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { accessLog } from "@/lib/db/schema";
import { loadSourcesConfig } from "@/lib/sources/config";

/**
 * For route and page-read tests: a staff member `id` with `roles` ("role:school") from the IdP and a
 * live session whose token is `tok-<id>` (send it as the cookie `ldb.session=tok-<id>`).
 */
export async function signedInAs(id: string, email: string, roles: readonly string[]): Promise<void> {
  const { db } = await getStore();
  await db.insert(users).values({ id, email, idpRoles: [...roles] });
  await db.insert(sessions).values({ sessionToken: `tok-${id}`, userId: id, expires: new Date(Date.now() + 3_600_000) });
}

/** The signed-in staff member `id` as a page sees them (requirePermission's answer), for readForPage. */
export async function staffOf(id: string): Promise<StaffSession> {
  const staff = await staffForSession((await getStore()).db, `tok-${id}`, schoolRules(loadSourcesConfig()), authSettings());
  if (!staff) throw new Error(`no session for ${id}`);
  return staff;
}

/** Every access-log row so far, oldest first. */
export async function accessRows() {
  return (await (await getStore()).db.select().from(accessLog)).map((r) => ({ ...r }));
}
