import "server-only";
import type { Client } from "pg";

/**
 * PostgreSQL with two roles: migrations run as the owner of the schema (DATABASE_MIGRATION_URL),
 * the dashboard connects as an application role (DATABASE_URL) that owns nothing. Only an owner can
 * drop or disable a trigger, so the application cannot undo the access log's append-only trigger;
 * and on the access log it holds INSERT and SELECT only, so UPDATE, DELETE and TRUNCATE are
 * refused by the grants too, before any trigger is asked. docs/postgres-roles.sql creates the roles.
 *
 * Run after every migration, on the owner's connection: a table a new migration adds gets its
 * grants at the same start-up, and grants someone widened by hand on the access log are narrowed
 * again. The statements are idempotent.
 */
export function appRoleGrants(role: string, quote: (identifier: string) => string): string[] {
  const r = quote(role);
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    // bigserial ids: nextval needs USAGE; setval (UPDATE) is not given.
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `REVOKE ALL ON TABLE access_log FROM ${r}`,
    `GRANT SELECT, INSERT ON TABLE access_log TO ${r}`,
  ];
}

export async function grantAppRole(owner: Client, role: string): Promise<void> {
  for (const statement of appRoleGrants(role, (id) => owner.escapeIdentifier(id))) await owner.query(statement);
}

/** The role the dashboard works as: DATABASE_APP_ROLE, else the user in DATABASE_URL. */
export function appRoleOf(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_APP_ROLE || decodeURIComponent(new URL(databaseUrl).username);
}
