import { sql } from "drizzle-orm";
import { bigserial, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Roles given locally (next to, or instead of, IdP claims): who holds which role at which school.
 * `grantedBy` records the staff member who gave it; nobody can widen their own rights (lib/auth).
 */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    subject: text("subject").notNull(),
    role: text("role").notNull(),
    schoolId: text("school_id").notNull(),
    grantedBy: text("granted_by").notNull(),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.subject, t.role, t.schoolId] })],
);

/**
 * The AVG access log: every read of a person's data. Append-only: a trigger in the migration
 * refuses UPDATE and DELETE, so no code path of the application can change or remove a record.
 */
export const accessLog = pgTable(
  "access_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().default(sql`now()`),
    actor: text("actor").notNull(),
    actorRoles: text("actor_roles").notNull(),
    schoolId: text("school_id").notNull(),
    dataKind: text("data_kind").notNull(),
    action: text("action").notNull(),
    personCount: integer("person_count").notNull(),
    /** Keyed hash (HMAC-SHA256) of the person's identifier for single-person reads; never the identifier. */
    personHash: text("person_hash"),
  },
  (t) => [index("access_log_at_idx").on(t.at), index("access_log_school_at_idx").on(t.schoolId, t.at)],
);

export type AccessLogRow = typeof accessLog.$inferSelect;

/**
 * The school's list of employees known to the dashboard. Edu-V has assignments per employee only
 * (POST /assignments/school/employee) and no list of a school's staff, so the teachers of a class
 * are found through this list. Employees have no master id: a typed userId identifies them.
 */
export const schoolEmployees = pgTable(
  "school_employees",
  {
    schoolId: text("school_id").notNull(),
    userIdType: text("user_id_type").notNull(),
    userId: text("user_id").notNull(),
    name: text("name").notNull(),
    addedBy: text("added_by").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.userIdType, t.userId] })],
);

export type SchoolEmployee = typeof schoolEmployees.$inferSelect;

export { accounts, sessions, users, verificationTokens } from "./auth-schema";
