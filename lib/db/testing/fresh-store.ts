import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";

/**
 * A store of its own for one test: a new PGlite folder, or a new database on the test PostgreSQL
 * server (TEST_DATABASE_URL), so test files running side by side never see each other's rows.
 * Returns the environment a dashboard process needs to open it, and a cleanup.
 */
export async function freshStoreEnv(kind: "pglite" | "postgres"): Promise<{ env: { DATABASE_URL: string; PGLITE_DIR?: string }; drop: () => Promise<void> }> {
  if (kind === "pglite") return { env: { PGLITE_DIR: mkdtempSync(path.join(tmpdir(), "ldb-pglite-")), DATABASE_URL: "" }, drop: async () => {} };
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error("TEST_DATABASE_URL is not set");
  const name = `ldb_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
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
