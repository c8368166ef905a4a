import "server-only";
import { and, eq, isNotNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { sessions, users } from "@/lib/db/auth-schema";
import { roleAssignments } from "@/lib/db/schema";
import { grantApplies, type SchoolRules } from "./grants";
import { ROLES, type Role, type Staff } from "./permissions";

export type StaffSession = Staff & { name: string | null; email: string | null };

/** `slide` false: a background request (a page's poll) is checked like any other but does not extend the idle end. */
type Lifetimes = { idleSeconds: number; absoluteSeconds: number; now?: Date; slide?: boolean };

/** "role:schoolId" strings to grants, keeping only known roles and schools. */
export function parseGrants(values: readonly string[], knownSchools: { has(schoolId: string): boolean }): Staff["grants"] {
  const grants: { role: Role; schoolId: string }[] = [];
  for (const value of values) {
    const match = /^([a-z]+):([a-z0-9-]+)$/.exec(value);
    if (match && (ROLES as readonly string[]).includes(match[1]!) && knownSchools.has(match[2]!))
      grants.push({ role: match[1] as Role, schoolId: match[2]! });
  }
  return grants;
}

/**
 * The local grants that may apply to the session's account, joined to the session in the same
 * query (by IdP account, or by a verified e-mail address); grantApplies then decides, as localGrants does.
 */
const candidateGrant = or(
  and(
    isNotNull(users.idpIssuer),
    isNotNull(users.idpSubject),
    eq(roleAssignments.issuer, users.idpIssuer),
    eq(roleAssignments.subject, users.idpSubject),
  ),
  and(eq(users.idpEmailVerified, true), isNotNull(users.idpEmail), eq(roleAssignments.email, sql`lower(${users.idpEmail})`)),
);

/**
 * The staff member behind a session token, checked on the server at every use: the session must
 * exist, be within its idle and absolute lifetime, and belong to an active account. Roles are the
 * IdP's (from the last sign-in) plus the local grants that apply to the IdP account it signed in
 * with (lib/auth/grants.ts: by issuer and subject, or by a verified e-mail address in an allowed domain).
 *
 * One query per request: session, account and candidate grants together, read fresh every time (no
 * cache, so a disabled account or an ended session is refused at its next request). A second
 * statement only to end a session that ran out, or to slide its idle end (at most once a minute).
 */
export async function staffForSession(
  db: Db,
  token: string | undefined,
  schools: SchoolRules,
  life: Lifetimes,
): Promise<StaffSession | null> {
  if (!token) return null;
  const now = life.now ?? new Date();
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      idpRoles: users.idpRoles,
      active: users.active,
      expires: sessions.expires,
      createdAt: sessions.createdAt,
      issuer: users.idpIssuer,
      subject: users.idpSubject,
      idpEmail: users.idpEmail,
      emailVerified: users.idpEmailVerified,
      // role first: drizzle reads a left-joined object as absent by its first column (role is never null in a grant).
      grant: {
        role: roleAssignments.role,
        schoolId: roleAssignments.schoolId,
        issuer: roleAssignments.issuer,
        subject: roleAssignments.subject,
        email: roleAssignments.email,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(roleAssignments, candidateGrant)
    .where(eq(sessions.sessionToken, token));
  const row = rows[0];
  if (!row) return null;
  const tooOld = now.getTime() - row.createdAt.getTime() > life.absoluteSeconds * 1000;
  if (row.expires <= now || tooOld || row.active !== 1) {
    await db.delete(sessions).where(eq(sessions.sessionToken, token));
    return null;
  }
  // Sliding idle lifetime: push the end forward, at most once a minute.
  const idleEnd = new Date(now.getTime() + life.idleSeconds * 1000);
  if (life.slide !== false && idleEnd.getTime() - row.expires.getTime() > 60_000)
    await db.update(sessions).set({ expires: idleEnd }).where(eq(sessions.sessionToken, token));
  const who = { issuer: row.issuer, subject: row.subject, email: row.idpEmail, emailVerified: row.emailVerified };
  // One row per candidate grant (a single row with no grant when there is none).
  const local = rows.flatMap((r) => (r.grant && grantApplies(r.grant, who, schools) ? [`${r.grant.role}:${r.grant.schoolId}`] : []));
  const grants = parseGrants([...row.idpRoles, ...local], schools);
  const unique = [...new Map(grants.map((g) => [`${g.role}:${g.schoolId}`, g])).values()];
  return { id: row.userId, name: row.name, email: row.email, grants: unique };
}

/** Ends every session that has run out (a periodic clean-up; each use also checks on its own). */
export async function purgeSessions(db: Db, absoluteSeconds: number, now = new Date()): Promise<void> {
  await db.delete(sessions).where(or(lt(sessions.expires, now), lt(sessions.createdAt, new Date(now.getTime() - absoluteSeconds * 1000))));
}
