import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Roles given locally (next to, or instead of, IdP claims): who holds which role at which school.
 * A grant names the IdP account by (issuer, subject): the `sub` the IdP gives is stable and unique
 * per issuer, while an e-mail address is only a claim the IdP may not have checked. Grants by
 * e-mail address (`email`, lower case) remain possible but count only when the IdP says the
 * address is verified and its domain is one of the school's `staffEmailDomains` (lib/auth/grants.ts).
 * `grantedBy` records the staff member who gave it; nobody can widen their own rights (lib/auth).
 */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    issuer: text("issuer"),
    subject: text("subject"),
    email: text("email"),
    role: text("role").notNull(),
    schoolId: text("school_id").notNull(),
    grantedBy: text("granted_by").notNull(),
    grantedAt: timestamp("granted_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    uniqueIndex("role_assignments_account_idx").on(t.issuer, t.subject, t.role, t.schoolId),
    uniqueIndex("role_assignments_email_idx").on(t.email, t.role, t.schoolId),
    // Exactly one key: an IdP account, or an e-mail address (stored in lower case).
    check(
      "role_assignments_one_key",
      sql`(${t.issuer} IS NOT NULL AND ${t.subject} IS NOT NULL AND ${t.email} IS NULL) OR (${t.issuer} IS NULL AND ${t.subject} IS NULL AND ${t.email} IS NOT NULL AND ${t.email} = lower(${t.email}))`,
    ),
  ],
);

export type RoleAssignmentRow = typeof roleAssignments.$inferSelect;

/**
 * The AVG access log: every read of a person's data, every refused attempt at one, and every change
 * to the school's employee list. Append-only: a trigger in the migration refuses UPDATE, DELETE and
 * TRUNCATE, and on PostgreSQL with two roles (DATABASE_MIGRATION_URL) the application's role holds
 * only INSERT and SELECT here, so it cannot drop or disable that trigger either (lib/db/roles.ts).
 */
export const accessLog = pgTable(
  "access_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    actor: text("actor").notNull(),
    actorRoles: text("actor_roles").notNull(),
    schoolId: text("school_id").notNull(),
    dataKind: text("data_kind").notNull(),
    action: text("action").notNull(),
    personCount: integer("person_count").notNull(),
    /** Keyed hash (HMAC-SHA256) of the person's identifier for single-person reads; never the identifier. */
    personHash: text("person_hash"),
    /** "served", or "refused": the staff member asked without the permission for that school and got nothing. */
    outcome: text("outcome").notNull().default("served"),
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
    addedAt: timestamp("added_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.userIdType, t.userId] })],
);

export type SchoolEmployee = typeof schoolEmployees.$inferSelect;

export { accounts, sessions, users, verificationTokens } from "./auth-schema";

/**
 * The columns that make a row its own outbox entry (consent requests, withdrawals): how often it was
 * tried, when next, the lease of the sender that claimed it and who that is, and the last error.
 */
function outboxColumns() {
  return {
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    /** Who holds the claim: set by each claim, so only the holder records the outcome (a sender whose lease ran out cannot). */
    claimId: text("claim_id"),
    lastError: text("last_error"),
  };
}

/**
 * Consent requests the dashboard (an Edu-V Data Consumer) asks Data Providers for. A request is
 * stored before anything is sent; the row is also the outbox entry: `queued` rows are sent to
 * Providers that take PUT /consent/requests, claimed with a lease (`claimedUntil`) under
 * SKIP LOCKED so one instance sends each, and a crash mid-send leaves it to be sent again.
 */
export const consentRequests = pgTable(
  "consent_requests",
  {
    consumerReferenceId: text("consumer_reference_id").primaryKey(),
    schoolId: text("school_id").notNull(),
    providerId: text("provider_id").notNull(),
    api: text("api").notNull(),
    scopes: text("scopes").array().notNull(),
    /** Why more scopes than the dashboard needs were asked for (shown with the request). */
    extraScopesReason: text("extra_scopes_reason"),
    /** put: sent to the Provider; poll: the Provider collects it from GET /consent/requests. */
    delivery: text("delivery").notNull(),
    /** concept, queued, sent, failed, confirmed, refused, revoked. */
    status: text("status").notNull(),
    consumerStatus: text("consumer_status").notNull().default("accepted"),
    ...outboxColumns(),
    providerReferenceId: text("provider_reference_id"),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    changedAt: timestamp("changed_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    index("consent_requests_outbox_idx").on(t.status, t.nextAttemptAt),
    index("consent_requests_changed_idx").on(t.changedAt),
    index("consent_requests_school_idx").on(t.schoolId),
  ],
);

export type ConsentRequestRow = typeof consentRequests.$inferSelect;

/** Every change of a consent request: who, when, what the Provider answered. Append-only. */
export const consentRequestEvents = pgTable(
  "consent_request_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    consumerReferenceId: text("consumer_reference_id").notNull(),
    at: timestamp("at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    actor: text("actor").notNull(),
    event: text("event").notNull(),
    detail: text("detail"),
  },
  (t) => [index("consent_request_events_ref_idx").on(t.consumerReferenceId, t.at)],
);

/**
 * Where the dashboard stands in each Provider's GET /consent/statuses: the `since` of the next
 * poll (the latest changedAt seen), and when it last polled (shown with the requests).
 */
export const consentStatusCursors = pgTable("consent_status_cursors", {
  providerId: text("provider_id").primaryKey(),
  since: timestamp("since", { withTimezone: true }),
  polledAt: timestamp("polled_at", { withTimezone: true }),
  lastError: text("last_error"),
});

/**
 * Consent a Provider reports that the dashboard did not ask for (a status without our
 * consumerReferenceId, or with one we do not know): registered earlier or by another route. One row
 * per Provider, school and API, its latest state; shown in the matrix as "known at the Provider".
 */
export const consentKnown = pgTable(
  "consent_known",
  {
    providerId: text("provider_id").notNull(),
    schoolId: text("school_id").notNull(),
    api: text("api").notNull(),
    providerStatus: text("provider_status").notNull(),
    providerReferenceId: text("provider_reference_id"),
    changedAt: timestamp("changed_at", { withTimezone: true }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.schoolId, t.api] })],
);

/**
 * The school's withdrawals of consent (PUT /consent/revokes, ERRATA 42). A row is stored before
 * anything is sent and is its own outbox entry, claimed like a request (lease, claim id, SKIP LOCKED).
 * `queued` until the Provider received it (`sent`, 202), `failed` when it refused it for good,
 * `confirmed` when its statuses report the registration revoked. The consent named is our request
 * (`consumerReferenceId`) or consent the Provider holds (`providerReferenceId` only).
 */
export const consentRevokes = pgTable(
  "consent_revokes",
  {
    revokeId: text("revoke_id").primaryKey(),
    schoolId: text("school_id").notNull(),
    providerId: text("provider_id").notNull(),
    api: text("api").notNull(),
    consumerReferenceId: text("consumer_reference_id"),
    providerReferenceId: text("provider_reference_id"),
    scopes: text("scopes").array().notNull(),
    reason: text("reason").notNull(),
    /** queued, sent, failed, confirmed. */
    status: text("status").notNull(),
    ...outboxColumns(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    changedAt: timestamp("changed_at", { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    index("consent_revokes_outbox_idx").on(t.status, t.nextAttemptAt),
    index("consent_revokes_pair_idx").on(t.schoolId, t.providerId, t.api),
  ],
);

export type ConsentRevokeRow = typeof consentRevokes.$inferSelect;

/**
 * The live check of each pair (issue 24 item 2): whether the Provider's data endpoint for the API
 * answers the school now, whatever the consent records say. One row per Provider, school and API, the
 * latest check: `delivers`, `refuses` (0022), `unreachable`, or `other` (with the Edu-V code or error kind).
 */
export const consentChecks = pgTable(
  "consent_checks",
  {
    providerId: text("provider_id").notNull(),
    schoolId: text("school_id").notNull(),
    api: text("api").notNull(),
    state: text("state").notNull(),
    /** The Edu-V code ("0022") or the error kind ("timeout") behind the state; null when it delivers. */
    detail: text("detail"),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.schoolId, t.api] })],
);

type Counts = Record<string, number>;

/**
 * Contract health: per Source, operation and hour, how the Source's answers measured up to the
 * Edu-V contract (lib/sources/health/contract-health.ts). Counts, field paths, statuses, codes and latency
 * buckets only; never a value or an identifier. Every dashboard instance adds its counts to the
 * row with one upsert (contract_health_add_counts merges the maps in SQL); rows older than 7 days
 * are deleted.
 */
export const contractHealth = pgTable(
  "contract_health",
  {
    sourceId: text("source_id").notNull(),
    operationId: text("operation_id").notNull(),
    /** Start of the hour (UTC). */
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    calls: integer("calls").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    /** By HTTP status, or by error kind when no answer came. */
    answers: jsonb("answers").$type<Counts>().notNull().default({}),
    /** Edu-V codes, zero-padded ("0022"). */
    codes: jsonb("codes").$type<Counts>().notNull().default({}),
    received: integer("received").notNull().default(0),
    kept: integer("kept").notNull().default(0),
    leftOut: integer("left_out").notNull().default(0),
    leftOutPaths: jsonb("left_out_paths").$type<Counts>().notNull().default({}),
    normalizedPaths: jsonb("normalized_paths").$type<Counts>().notNull().default({}),
    /** Items of kept records left out on their own (e.g. one unreadable entitlement), by field path. */
    leftOutItems: jsonb("left_out_items").$type<Counts>().notNull().default({}),
    unknownEnums: jsonb("unknown_enums").$type<Counts>().notNull().default({}),
    /** Attempts per latency bucket, keyed by its upper bound in ms ("inf" for the open one). */
    latencyBuckets: jsonb("latency_buckets").$type<Counts>().notNull().default({}),
    lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
    lastErrorKind: text("last_error_kind"),
    lastErrorHttpStatus: integer("last_error_http_status"),
    lastErrorCode: text("last_error_code"),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.operationId, t.hour] }), index("contract_health_hour_idx").on(t.hour)],
);

export type ContractHealthRow = typeof contractHealth.$inferSelect;

/**
 * A Source's call slots shared by every dashboard process on this PostgreSQL: maxConcurrentCalls
 * rows per Source, each free (no holder, or its lease ran out) or held by one process for one call.
 * Leases are renewed while the call runs, so a killed process frees its slots when they run out
 * (lib/db/source-slots.ts).
 */
export const sourceSlots = pgTable(
  "source_slots",
  {
    sourceId: text("source_id").notNull(),
    slot: integer("slot").notNull(),
    holder: text("holder"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.slot] })],
);

/**
 * Processes waiting for a slot of a Source: a process takes a free slot only when no other waiting
 * one was served less recently (never served first, then by the time it was last served, then by
 * how long it has waited), so processes take turns.
 */
export const sourceSlotWaiters = pgTable(
  "source_slot_waiters",
  {
    sourceId: text("source_id").notNull(),
    holder: text("holder").notNull(),
    since: timestamp("since", { withTimezone: true }).notNull(),
    /** When this process last got a slot while it had more calls waiting; null if not since it joined. */
    servedAt: timestamp("served_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.holder] })],
);

/**
 * The client assertions (private_key_jwt, RFC 7523) the dashboard's token endpoint for Data
 * Providers has accepted, each kept until it expires: the primary key on (client, jti) lets exactly
 * one instance accept an assertion, so a replay is refused by every instance and after a restart.
 * Rows past `expiresAt` are pruned (lib/db/assertion-jtis.ts); by then the assertion itself is refused.
 */
export const clientAssertionJtis = pgTable(
  "client_assertion_jtis",
  {
    clientId: text("client_id").notNull(),
    jti: text("jti").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.jti] }), index("client_assertion_jtis_expires_idx").on(t.expiresAt)],
);

/**
 * The mass-change guard (issue 25): per school and LAS list (`students`, `enrollments`), how many
 * records the last good whole-school answer had and when it was read (a count that stays the same is
 * written again only every 10 minutes, not at every read), and a loss waiting for a school
 * administrator (when first seen, how many records the latest losing answer had and when). Counts
 * and times only, never a record: the answers themselves are kept in memory only
 * (lib/features/mass-change/last-good.ts). Here so the baseline survives a restart and every
 * instance judges against the same one. Who accepted a change is in the access log, not here.
 */
export const massChangeBaselines = pgTable(
  "mass_change_baselines",
  {
    schoolId: text("school_id").notNull(),
    list: text("list").notNull(),
    baselineCount: integer("baseline_count").notNull(),
    baselineAt: timestamp("baseline_at", { withTimezone: true }).notNull(),
    /** When the loss was first seen; null when nothing waits. */
    pendingSince: timestamp("pending_since", { withTimezone: true }),
    pendingCount: integer("pending_count"),
    pendingAt: timestamp("pending_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.list] }),
    check("mass_change_baselines_list_check", sql`${t.list} IN ('students', 'enrollments')`),
    check(
      "mass_change_baselines_pending_check",
      sql`(${t.pendingSince} IS NULL) = (${t.pendingCount} IS NULL) AND (${t.pendingSince} IS NULL) = (${t.pendingAt} IS NULL)`,
    ),
  ],
);

export type MassChangeBaselineRow = typeof massChangeBaselines.$inferSelect;
