import { sql } from "drizzle-orm";
import { boolean, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// The tables Auth.js's drizzle adapter expects (database sessions), plus what we need on top:
// the roles the IdP asserted at the last sign-in, and when a session began (absolute lifetime).

export const users = pgTable("users", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: timestamp("email_verified", { mode: "date" }),
  image: text("image"),
  /** "role:schoolId" strings from the IdP's roles claim, replaced at every sign-in. */
  idpRoles: text("idp_roles")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** Set to false to disable an account: its sessions stop working at once. */
  active: integer("active").notNull().default(1),
  // What the IdP asserted at the last sign-in (ID token), for local role grants (lib/auth/grants.ts):
  // the account as (issuer, subject), and the e-mail address with whether the IdP verified it.
  // `email` above is Auth.js's and is not refreshed at later sign-ins; these are.
  idpIssuer: text("idp_issuer"),
  idpSubject: text("idp_subject"),
  idpEmail: text("idp_email"),
  idpEmailVerified: boolean("idp_email_verified").notNull().default(false),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { mode: "date" }).notNull(),
  createdAt: timestamp("created_at", { mode: "date" })
    .notNull()
    .default(sql`now()`),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);
