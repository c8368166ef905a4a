import "server-only";
import type { StaffSession } from "@/lib/auth/staff";
import { recordAccess, type AccessEntry } from "@/lib/db/access-log";
import { getStore } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/locale";
import { log } from "@/lib/log";
import { asCaller } from "@/lib/sources/capacity/caller";
import type { ApiErrorBody } from "@/lib/contracts/errors";
import type { UserLimitKind } from "@/lib/limits/numbers";
import { isAnsweredError, toErrorResponse } from "./errors";
import { refusedByLimits } from "./limits";

/** What a read of persons' data writes to the access log, beside who read it and where. */
export type PageAccess = Omit<AccessEntry, "actor" | "actorRoles" | "schoolId" | "outcome">;

/** Who the access log names for a staff member's read at a school, with the roles they hold there. */
export function actorAt(staff: StaffSession, schoolId: string): Pick<AccessEntry, "actor" | "actorRoles"> {
  return { actor: staff.email ?? staff.id, actorRoles: staff.grants.filter((g) => g.schoolId === schoolId).map((g) => g.role) };
}

/** A page's read as the BFF would have answered it: the value, or the error answer (status and body) a route would have sent. */
export type PageRead<T> = { ok: true; value: T } | { ok: false; status: number; body: ApiErrorBody };

/**
 * A server-rendered page's first answer, read under the same rules as the BFF route that answers it
 * again later (lib/api/route.ts): the page has already checked the permission (requirePermission),
 * the read costs what the route's does of the staff member's limits (`limits`: refused with the
 * route's 429 before any Source call), the Source calls wait their turn as this staff member's, the
 * read of persons' data (`access`; none for an answer that names nobody) is written to the access
 * log before anything is shown, and a failure becomes the error answer the route would
 * have sent (its code and words), for the page to show with the kit's notices. A log row that
 * cannot be written fails the read (the page's error boundary), as it fails the route.
 */
export async function readForPage<T>(
  who: { staff: StaffSession; schoolId: string; lang: Locale; limits?: readonly UserLimitKind[] },
  read: () => Promise<{ value: T; access?: PageAccess }>,
): Promise<PageRead<T>> {
  const refused = refusedByLimits(who.staff.id, who.limits ?? [], who.lang);
  if (refused) return { ok: false, status: refused.status, body: (await refused.json()) as ApiErrorBody };
  let result: { value: T; access?: PageAccess };
  try {
    result = await asCaller(`staff:${who.staff.id}`, read);
  } catch (err) {
    if (!isAnsweredError(err)) log().error({ err, page: true }, "internal error");
    const res = toErrorResponse(err, who.lang);
    return { ok: false, status: res.status, body: (await res.json()) as ApiErrorBody };
  }
  if (result.access) {
    const { db } = await getStore();
    await recordAccess(db, { ...result.access, ...actorAt(who.staff, who.schoolId), schoolId: who.schoolId });
  }
  return { ok: true, value: result.value };
}
