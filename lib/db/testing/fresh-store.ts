import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";

/**
 * A store of its own for one test: a new PGlite folder, or a new database on the test PostgreSQL
 * server (TEST_DATABASE_URL), so test files running side by side never see each other's rows.
 * Returns the environment a dashboard process needs to open it, and a cleanup.
 *
 * Under vitest it is already migrated, copied from the store vitest.global-setup.ts migrated once
 * for the run (a PGlite dump, a PostgreSQL template database); opening it still runs the
 * migrations, which then only read drizzle's journal. `empty: true` gives a store with nothing in
 * it, not even the schema: for tests whose subject is migrating.
 */
export async function freshStoreEnv(
  kind: "pglite" | "postgres",
  opts: { empty?: boolean } = {},
): Promise<{ env: { DATABASE_URL: string; PGLITE_DIR?: string }; drop: () => Promise<void> }> {
  if (kind === "pglite") {
    const dir = mkdtempSync(path.join(tmpdir(), "ldb-pglite-"));
    if (!opts.empty) await fillWithMigratedStore(dir);
    return { env: { PGLITE_DIR: dir, DATABASE_URL: "" }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error("TEST_DATABASE_URL is not set");
  const name = `ldb_test_${randomBytes(6).toString("hex")}`;
  const template = opts.empty ? undefined : process.env.LDB_TEST_PG_TEMPLATE;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new Client({ connectionString: server });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Puts the store vitest.global-setup.ts migrated for the run into an empty PGlite folder (PGlite
 * writes the dump there), so whoever opens the folder finds a migrated database. Without the dump
 * (outside vitest) it leaves the folder as it is: opening it then makes and migrates the database.
 */
export async function fillWithMigratedStore(dir: string): Promise<void> {
  const dump = process.env.LDB_TEST_PGLITE_DUMP;
  if (!dump) return;
  mkdirSync(dir, { recursive: true });
  const pg = new PGlite(dir, { loadDataDir: new Blob([readFileSync(dump)]) });
  await pg.waitReady;
  await pg.close();
}
