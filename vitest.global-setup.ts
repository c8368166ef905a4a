import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { Client } from "pg";
import type { TestProject } from "vitest/node";

/**
 * Migrate once per run, not once per test file: one PGlite is made and migrated here and dumped to
 * a file, and (with TEST_DATABASE_URL) one database on the test server is migrated as a template.
 * vitest.setup.ts hands both to the tests as LDB_TEST_PGLITE_DUMP and LDB_TEST_PG_TEMPLATE:
 * openStore starts an in-memory PGlite from the dump (only under vitest, lib/db/client.ts) and
 * freshStoreEnv (lib/db/testing/fresh-store.ts) fills a new PGlite folder from it, or makes a
 * PostgreSQL test file's database with CREATE DATABASE … TEMPLATE. openStore still runs the
 * migrations on each, which then only read drizzle's journal: a dump that were behind would be
 * brought up to date there, as any store is. The tests whose subject is migrating start empty.
 *
 * The migrations are drizzle's, from the same folder, as openStore runs them (openStore itself
 * cannot be imported here: it is "server-only", which vitest.setup.ts mocks for test files only).
 */
declare module "vitest" {
  export interface ProvidedContext {
    /** A tar of a migrated PGlite data folder (PGlite#dumpDataDir). */
    ldbPgliteDump: string;
    /** A migrated database on the TEST_DATABASE_URL server that no one connects to: clone it. */
    ldbPgTemplate: string;
  }
}

const MIGRATIONS = path.join(process.cwd(), "lib/db/migrations");

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const dir = mkdtempSync(path.join(tmpdir(), "ldb-vitest-"));
  const pglite = new PGlite();
  try {
    await migratePglite(drizzlePglite(pglite), { migrationsFolder: MIGRATIONS });
    const dump = path.join(dir, "pglite-migrated.tar");
    writeFileSync(dump, new Uint8Array(await (await pglite.dumpDataDir("none")).arrayBuffer()));
    project.provide("ldbPgliteDump", dump);
  } finally {
    await pglite.close();
  }

  const server = process.env.TEST_DATABASE_URL;
  let template: string | undefined;
  if (server) {
    // A name of this run's own: two runs may share a server (the quick loop beside a full run).
    template = `ldb_template_${randomBytes(5).toString("hex")}`;
    await adminQuery(server, `CREATE DATABASE ${template}`);
    const url = new URL(server);
    url.pathname = `/${template}`;
    const owner = new Client({ connectionString: url.toString(), application_name: "ldb-vitest-template" });
    await owner.connect();
    try {
      await migratePg(drizzlePg(owner), { migrationsFolder: MIGRATIONS });
    } finally {
      await owner.end();
    }
    // CREATE DATABASE … TEMPLATE fails while anyone is connected to the template: now no one can be.
    await adminQuery(server, `ALTER DATABASE ${template} ALLOW_CONNECTIONS false`);
    project.provide("ldbPgTemplate", template);
  }
  console.log(
    `[global setup] migrated store made once in ${Math.round(performance.now() - started)} ms: PGlite dump${template ? ` and PostgreSQL template ${template}` : " (no TEST_DATABASE_URL: no PostgreSQL template)"}`,
  );

  return async () => {
    if (server && template) await adminQuery(server, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
}

async function adminQuery(server: string, statement: string): Promise<void> {
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
