import "server-only";
import { eq, or, and } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/auth-schema";
import { roleAssignments, type RoleAssignmentRow } from "@/lib/db/schema";
import type { SourcesConfig } from "@/lib/sources/config";

/**
 * Local role grants (table role_assignments) and whom they apply to. The rules:
 *
 * 1. A grant by IdP account applies when the session's account was signed in by that issuer with
 *    that subject (`iss` and `sub` of the ID token, compared exactly). The same `sub` from another
 *    issuer is another person.
 * 2. A grant by e-mail address applies only when, at the last sign-in, the IdP said
 *    `email_verified: true` for that address, and the address's domain is one of the
 *    `staffEmailDomains` of the grant's school (sources file; exact match, no subdomains). An
 *    unverified address, or one in a domain the school does not vouch for, is just a string
 *    anybody could type into their IdP profile.
 */

/** What the IdP asserted for an account at its last sign-in. */
export type IdpAssertion = { issuer: string | null; subject: string | null; email: string | null; emailVerified: boolean };

/** Per known school: the e-mail domains whose verified addresses may carry e-mail grants there. */
export type SchoolRules = ReadonlyMap<string, { staffEmailDomains: readonly string[] }>;

export function schoolRules(config: Pick<SourcesConfig, "schools">): SchoolRules {
  return new Map(config.schools.map((s) => [s.id, { staffEmailDomains: s.staffEmailDomains ?? [] }]));
}

/** The domain of an address (after its last @), in lower case; null when there is none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  const domain = at > 0 ? email.slice(at + 1).toLowerCase() : "";
  return domain ? domain : null;
}

export function grantApplies(
  grant: Pick<RoleAssignmentRow, "issuer" | "subject" | "email" | "schoolId">,
  who: IdpAssertion,
  schools: SchoolRules,
): boolean {
  if (grant.issuer !== null || grant.subject !== null) {
    return who.issuer !== null && who.subject !== null && grant.issuer === who.issuer && grant.subject === who.subject;
  }
  if (!grant.email || !who.email || who.emailVerified !== true) return false;
  if (grant.email !== who.email.toLowerCase()) return false;
  const domain = emailDomain(who.email);
  return domain !== null && (schools.get(grant.schoolId)?.staffEmailDomains ?? []).includes(domain);
}

/** The local grants that apply to the account, as "role:schoolId" (checked against known roles later). */
export async function localGrants(db: Db, who: IdpAssertion, schools: SchoolRules): Promise<string[]> {
  const byAccount =
    who.issuer && who.subject ? and(eq(roleAssignments.issuer, who.issuer), eq(roleAssignments.subject, who.subject)) : undefined;
  const byEmail = who.email && who.emailVerified ? eq(roleAssignments.email, who.email.toLowerCase()) : undefined;
  if (!byAccount && !byEmail) return [];
  // SQL finds the candidates; grantApplies decides, so the rules live in one place.
  const rows = await db
    .select()
    .from(roleAssignments)
    .where(byAccount && byEmail ? or(byAccount, byEmail) : (byAccount ?? byEmail));
  return rows.filter((g) => grantApplies(g, who, schools)).map((g) => `${g.role}:${g.schoolId}`);
}

/** The ID token's claims as next-auth hands them to the sign-in event. */
export type IdTokenClaims = Record<string, unknown>;

/** What the IdP asserted at this sign-in; only a boolean `true` counts as verified. */
export function assertionFrom(claims: IdTokenClaims): IdpAssertion {
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  const email = text(claims.email);
  return {
    issuer: text(claims.iss),
    subject: text(claims.sub),
    email: email?.toLowerCase() ?? null,
    emailVerified: email !== null && claims.email_verified === true,
  };
}

/** Stores the IdP's assertions of this sign-in on the user (replacing the last ones), with its roles claim. */
export async function recordSignIn(db: Db, userId: string, claims: IdTokenClaims, idpRoles: string[]): Promise<void> {
  const a = assertionFrom(claims);
  await db
    .update(users)
    .set({ idpRoles, idpIssuer: a.issuer, idpSubject: a.subject, idpEmail: a.email, idpEmailVerified: a.emailVerified })
    .where(eq(users.id, userId));
}

/** Gives a role by IdP account or by e-mail address (lower-cased); a second identical grant is a no-op. */
export async function addRoleAssignment(
  db: Db,
  grant: ({ issuer: string; subject: string } | { email: string }) & { role: string; schoolId: string; grantedBy: string },
): Promise<void> {
  const key = "email" in grant ? { email: grant.email.toLowerCase() } : { issuer: grant.issuer, subject: grant.subject };
  await db
    .insert(roleAssignments)
    .values({ ...key, role: grant.role, schoolId: grant.schoolId, grantedBy: grant.grantedBy })
    .onConflictDoNothing();
}
