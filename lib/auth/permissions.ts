/**
 * Who may do what at which school: pure functions of (staff, action, school), so every route,
 * server component and action decides the same way and a table of cases can test it.
 */
export const ROLES = ["schooladmin", "support", "consent", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export type Staff = {
  /** Stable subject from the IdP. */
  id: string;
  /** Roles per school id (from IdP claims and/or the local assignment table). */
  grants: ReadonlyArray<{ role: Role; schoolId: string }>;
};

export const ACTIONS = {
  "students.read": ["schooladmin"],
  "enrollments.read": ["schooladmin"],
  "assignments.read": ["schooladmin"],
  // Adding, renaming and removing employees on the school's list changes what others see: a write of its own.
  "employees.write": ["schooladmin"],
  "usage.read": ["support", "schooladmin"],
  // The header's search of pupils and employees: for whoever may read pupils (students.read) or usage (usage.read).
  "people.search": ["schooladmin", "support"],
  // The data-quality checks (issue 25): the school fixes its LAS, the support desk finds why a pupil has no licences.
  "dataquality.read": ["schooladmin", "support"],
  // Accepting a mass change of the LAS's lists (issue 25): the school's own data, so the school administrator only.
  "dataquality.accept": ["schooladmin"],
  "consent.read": ["consent"],
  "consent.write": ["consent"],
  "accesslog.read": ["auditor"],
  // A pupil's AVG record (issue 25): who accessed their data, which Providers under which consent, for a
  // parent's request for access (AVG art. 15). The auditor now; issue 27 adds the privacy officer here.
  // Not students.read: the record shows the pupil's name and masked identifier only (see lib/features/avg-record).
  "students.avg": ["auditor"],
  "sources.read": ["schooladmin", "support", "consent", "auditor"],
  "roles.grant": ["schooladmin"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

export function rolesAt(staff: Staff, schoolId: string): Role[] {
  return staff.grants.filter((g) => g.schoolId === schoolId).map((g) => g.role);
}

/** The schools where the staff member holds any role: the only ones the school switcher offers. */
export function schoolsOf(staff: Staff): string[] {
  return [...new Set(staff.grants.map((g) => g.schoolId))];
}

export function can(staff: Staff | null | undefined, action: Action, schoolId: string): boolean {
  if (!staff) return false;
  const allowed: readonly Role[] = ACTIONS[action];
  return staff.grants.some((g) => g.schoolId === schoolId && allowed.includes(g.role));
}

/** Granting a role: only a schooladmin of that school, and never to themselves (nobody widens their own rights). */
export function canGrant(granter: Staff | null | undefined, subject: string, role: Role, schoolId: string): boolean {
  if (!granter || granter.id === subject) return false;
  return can(granter, "roles.grant", schoolId) && (ROLES as readonly string[]).includes(role);
}
