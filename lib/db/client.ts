import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { Client, Pool } from "pg";
import { ensureDir } from "@/lib/local-files";
import { log } from "@/lib/log";
import { processState } from "@/lib/process-state";
import { appRoleOf, grantAppRole } from "./roles";
import { safeErrorText } from "./safe-error";
import * as schema from "./schema";

const MIGRATIONS = path.join(process.cwd(), "lib/db/migrations");

export type Db = ReturnType<typeof drizzlePglite<typeof schema>> | ReturnType<typeof drizzlePg<typeof schema>>;
export type Store = { db: Db; kind: "pglite" | "postgres"; close: () => Promise<void> };

/**
 * Opens the store and brings it to the latest migration: a PostgreSQL server when a URL is given
 * (DATABASE_URL), else embedded PostgreSQL (PGlite) in a folder (PGLITE_DIR, default .data/pglite)
 * or in memory ("memory://"). The same schema, queries and migrations serve both.
 *
 * On a server, migrations run on DATABASE_MIGRATION_URL (the schema's owner) when it is set, and
 * the application role of DATABASE_URL is then granted what it needs and no more (lib/db/roles.ts).
 * Without it one role does both, which leaves the access log's trigger in the application's reach:
 * fine for a test server, not for production. PGlite has one user, and only the trigger.
 */
export async function openStore(opts: { databaseUrl?: string; migrationUrl?: string; pgliteDir?: string } = {}): Promise<Store> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (url) {
    await migrateServer(opts.migrationUrl ?? (process.env.DATABASE_MIGRATION_URL || url), url);
    const pool = new Pool({ connectionString: url, max: 10 });
    // An idle connection the server ends (a restart, a failover, an administrator's terminate) is an
    // 'error' on the pool; without a listener Node ends the process. The pool replaces the connection.
    pool.on("error", (err) =>
      log().warn(
        { cause: safeErrorText(err, [url, process.env.DATABASE_MIGRATION_URL]) },
        "an idle database connection was ended by the server",
      ),
    );
    // The application role must be able to connect too: found out now, not at the first request.
    await pool.query("SELECT 1").catch(async (err: unknown) => {
      await pool.end().catch(() => {});
      throw err;
    });
    return { db: drizzlePg(pool, { schema }), kind: "postgres", close: () => pool.end() };
  }
  const dir = opts.pgliteDir || process.env.PGLITE_DIR || ".data/pglite";
  // PGlite makes only the last folder itself: on a fresh clone .data/ does not exist yet.
  const full = dir === "memory://" ? undefined : path.resolve(/*turbopackIgnore: true*/ dir);
  if (full) ensureDir(full);
  const dump = full ? undefined : migratedDumpForTests();
  const client = dump ? new PGlite({ loadDataDir: new Blob([await readFile(dump)]) }) : new PGlite(full);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS });
  return { db, kind: "pglite", close: () => client.close() };
}

/**
 * Tests only: a store that vitest's global setup migrated once for the whole run, dumped to a file
 * (vitest.global-setup.ts). An in-memory store starts from it instead of running initdb and every
 * migration again in each test file; the migrations above then find nothing to do. Needs both VITEST,
 * which only vitest sets, and the dump's path: never the case for the dashboard itself.
 */
function migratedDumpForTests(): string | undefined {
  return process.env.VITEST ? process.env.LDB_TEST_PGLITE_DUMP || undefined : undefined;
}

// Any fixed number: instances starting together take turns, so two never migrate or grant at once
// (concurrent GRANTs on one object can fail with "tuple concurrently updated").
const MIGRATION_LOCK = 4_206_001;

let warnedOneRole = false;

async function migrateServer(migrationUrl: string, appUrl: string): Promise<void> {
  const owner = new Client({ connectionString: migrationUrl, application_name: "ldb-migrations" });
  await owner.connect();
  try {
    await owner.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migratePg(drizzlePg(owner, { schema }), { migrationsFolder: MIGRATIONS });
    const ownerRole = (await owner.query<{ r: string }>("SELECT current_user AS r")).rows[0]!.r;
    const appRole = appRoleOf(appUrl);
    if (appRole === ownerRole) {
      if (!warnedOneRole)
        log().warn(
          { role: appRole },
          "one database role migrates and runs the dashboard: it could drop the access log's append-only trigger (set DATABASE_MIGRATION_URL for production)",
        );
      warnedOneRole = true;
      return;
    }
    await grantAppRole(owner, appRole);
    // Grants are no protection when the application can act as the owner anyway.
    const check = await owner.query<{ member: boolean; superuser: boolean }>(
      "SELECT pg_has_role($1, current_user, 'USAGE') AS member, rolsuper AS superuser FROM pg_roles WHERE rolname = $1",
      [appRole],
    );
    if (check.rows[0]?.member || check.rows[0]?.superuser)
      log().error(
        { role: appRole },
        "the application's database role is a superuser or a member of the owner: the access log is not protected from it",
      );
  } finally {
    await owner.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await owner.end();
  }
}

const storeHolder = () =>
  processState(
    {
      key: "connection.store",
      kind: "connection",
      what: "the process's store (PGlite, or a pool of PostgreSQL connections)",
      cap: "PGlite in memory or on disk; a pool of at most 10 PostgreSQL connections",
    },
    () => ({ store: undefined as Promise<Store> | undefined }),
  );

/** Tests: close the process's store (if one is open) and forget it, so the next use opens another. */
export async function dropProcessStore(): Promise<void> {
  const holder = storeHolder();
  const open = holder.store;
  holder.store = undefined;
  await open?.then(
    (s) => s.close(),
    () => undefined,
  );
}

/**
 * The process-wide store, opened on first use. A failed open is not kept: callers waiting on it
 * all get the error, and the next use tries again (a full disk or a database that was still
 * starting must not need a restart). The cause is logged by class and message, never with a
 * connection string.
 */
export function getStore(): Promise<Store> {
  const holder = storeHolder();
  holder.store ??= openStore().catch((err: unknown) => {
    holder.store = undefined;
    log().error(
      { cause: safeErrorText(err, [process.env.DATABASE_URL, process.env.DATABASE_MIGRATION_URL]) },
      "store could not be opened, will try again on next use",
    );
    throw err;
  });
  return holder.store;
}
