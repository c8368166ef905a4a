import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { Pool } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { grantApplies, schoolRules } from "@/lib/auth/grants";
import { freshStoreEnv } from "./testing/fresh-store";

/**
 * The migration role_grants_by_idp_account on a store that holds grants of the old kind (keyed on an e-mail address in
 * "subject"): brought to the migration before it, filled, then migrated to the latest.
 */
const FULL = path.join(process.cwd(), "lib/db/migrations");
// By name, not number: migrations made in parallel may be renumbered when merged.
const NAME = "_role_grants_by_idp_account";

function foldersBefore(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ldb-migrations-"));
  cpSync(FULL, dir, { recursive: true });
  const journalFile = path.join(dir, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(name));
  if (at < 1) throw new Error(`no migration ${name}`);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

const OLD_ROWS = sql`INSERT INTO role_assignments (subject, role, school_id, granted_by, granted_at) VALUES
  ('Sanne.Visser@ObsDeRegenboog.example', 'support', 'po-1', 'beheer', '2026-01-01T08:00:00Z'),
  ('sanne.visser@obsderegenboog.example', 'support', 'po-1', 'later', '2026-02-01T08:00:00Z'),
  ('sanne.visser@obsderegenboog.example', 'auditor', 'po-1', 'beheer', '2026-01-02T08:00:00Z'),
  ('staff-3', 'consent', 'vo-1', 'beheer', '2026-01-03T08:00:00Z')`;

type Rows = Array<{
  issuer: string | null;
  subject: string | null;
  email: string | null;
  role: string;
  school_id: string;
  granted_by: string;
}>;

const pgUrl = process.env.TEST_DATABASE_URL;
const backends: Array<[string, "pglite" | "postgres", boolean]> = [
  ["PGlite (embedded)", "pglite", true],
  [pgUrl ? "PostgreSQL server" : "PostgreSQL server (skipped: TEST_DATABASE_URL not set)", "postgres", !!pgUrl],
];

describe.each(backends)("migration role_grants_by_idp_account on %s", (_name, kind, enabled) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it.skipIf(!enabled)(
    "turns every old grant into an e-mail grant (lower case, duplicates by case merged, the oldest kept), none into an account grant",
    async () => {
      const before = foldersBefore(NAME);
      let rows: Rows;
      if (kind === "pglite") {
        const client = new PGlite();
        cleanups.push(() => client.close());
        const db = drizzlePglite(client);
        await migratePglite(db, { migrationsFolder: before });
        await db.execute(OLD_ROWS);
        await migratePglite(db, { migrationsFolder: FULL });
        rows = (
          await db.execute(sql`SELECT issuer, subject, email, role, school_id, granted_by FROM role_assignments ORDER BY email, role`)
        ).rows as Rows;
      } else {
        const fresh = await freshStoreEnv("postgres", { empty: true }); // not the run's migrated template: this test migrates
        const pool = new Pool({ connectionString: fresh.env.DATABASE_URL });
        // The database is dropped WITH (FORCE) at the end: an idle connection ended by it is an 'error'
        // on the pool, which must not end the test process (seen once as an uncaught 57P01).
        pool.on("error", () => {});
        cleanups.push(async () => {
          await pool.end();
          await fresh.drop();
        });
        const db = drizzlePg(pool);
        await migratePg(db, { migrationsFolder: before });
        await db.execute(OLD_ROWS);
        await migratePg(db, { migrationsFolder: FULL });
        rows = (
          await db.execute(sql`SELECT issuer, subject, email, role, school_id, granted_by FROM role_assignments ORDER BY email, role`)
        ).rows as Rows;
      }
      expect(rows).toEqual([
        {
          issuer: null,
          subject: null,
          email: "sanne.visser@obsderegenboog.example",
          role: "auditor",
          school_id: "po-1",
          granted_by: "beheer",
        },
        {
          issuer: null,
          subject: null,
          email: "sanne.visser@obsderegenboog.example",
          role: "support",
          school_id: "po-1",
          granted_by: "beheer",
        },
        { issuer: null, subject: null, email: "staff-3", role: "consent", school_id: "vo-1", granted_by: "beheer" },
      ]);
      // Inactive unless they meet the rule: a verified address in a domain the school allows.
      const schools = schoolRules({
        schools: [
          { id: "po-1", name: "PO", sector: "PO", organisationMasterIdentifier: "1", staffEmailDomains: ["obsderegenboog.example"] },
          { id: "vo-1", name: "VO", sector: "VO", organisationMasterIdentifier: "2" },
        ],
      });
      const grant = (r: Rows[number]) => ({ issuer: r.issuer, subject: r.subject, email: r.email, schoolId: r.school_id });
      const sanne = { issuer: "https://idp.example", subject: "s-1", email: "sanne.visser@obsderegenboog.example" };
      expect(rows.map((r) => grantApplies(grant(r), { ...sanne, emailVerified: true }, schools))).toEqual([true, true, false]);
      expect(rows.map((r) => grantApplies(grant(r), { ...sanne, emailVerified: false }, schools))).toEqual([false, false, false]);
      expect(
        rows.map((r) =>
          grantApplies(grant(r), { issuer: "https://idp.example", subject: "staff-3", email: null, emailVerified: false }, schools),
        ),
      ).toEqual([false, false, false]);
    },
    60_000,
  );
});
