import "server-only";
import { eq, lt, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { sessions, users } from "@/lib/db/auth-schema";
import { localGrants, type SchoolRules } from "./grants";
import { ROLES, type Role, type Staff } from "./permissions";

export type StaffSession = Staff & { name: string | null; email: string | null };

type Lifetimes = { idleSeconds: number; absoluteSeconds: number; now?: Date };

/** "role:schoolId" strings to grants, keeping only known roles and schools. */
export function parseGrants(values: readonly string[], knownSchools: { has(schoolId: string): boolean }): Staff["grants"] {
  const grants: { role: Role; schoolId: string }[] = [];
  for (const value of values) {
    const match = /^([a-z]+):([a-z0-9-]+)$/.exec(value);
    if (match && (ROLES as readonly string[]).includes(match[1]!) && knownSchools.has(match[2]!)) grants.push({ role: match[1] as Role, schoolId: match[2]! });
  }
  return grants;
}

/**
 * The staff member behind a session token, checked on the server at every use: the session must
 * exist, be within its idle and absolute lifetime, and belong to an active account. Roles are the
 * IdP's (from the last sign-in) plus the local grants that apply to the IdP account it signed in
 * with (lib/auth/grants.ts: by issuer and subject, or by a verified e-mail address in an allowed domain).
 */
export async function staffForSession(db: Db, token: string | undefined, schools: SchoolRules, life: Lifetimes): Promise<StaffSession | null> {
  if (!token) return null;
  const now = life.now ?? new Date();
  const [row] = await db
    .select({
      userId: users.id, name: users.name, email: users.email, idpRoles: users.idpRoles, active: users.active, expires: sessions.expires, createdAt: sessions.createdAt,
      issuer: users.idpIssuer, subject: users.idpSubject, idpEmail: users.idpEmail, emailVerified: users.idpEmailVerified,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.sessionToken, token));
  if (!row) return null;
  const tooOld = now.getTime() - row.createdAt.getTime() > life.absoluteSeconds * 1000;
  if (row.expires <= now || tooOld || row.active !== 1) {
    await db.delete(sessions).where(eq(sessions.sessionToken, token));
    return null;
  }
  // Sliding idle lifetime: push the end forward, at most once a minute.
  const idleEnd = new Date(now.getTime() + life.idleSeconds * 1000);
  if (idleEnd.getTime() - row.expires.getTime() > 60_000) await db.update(sessions).set({ expires: idleEnd }).where(eq(sessions.sessionToken, token));
  const local = await localGrants(db, { issuer: row.issuer, subject: row.subject, email: row.idpEmail, emailVerified: row.emailVerified }, schools);
  const grants = parseGrants([...row.idpRoles, ...local], schools);
  const unique = [...new Map(grants.map((g) => [`${g.role}:${g.schoolId}`, g])).values()];
  return { id: row.userId, name: row.name, email: row.email, grants: unique };
}

/** Ends every session that has run out (a periodic clean-up; each use also checks on its own). */
export async function purgeSessions(db: Db, absoluteSeconds: number, now = new Date()): Promise<void> {
  await db.delete(sessions).where(or(lt(sessions.expires, now), lt(sessions.createdAt, new Date(now.getTime() - absoluteSeconds * 1000))));
}

