import "server-only";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { Pool } from "pg";
import { ensureDir } from "@/lib/local-files";
import { safeErrorText } from "./safe-error";
import * as schema from "./schema";

const MIGRATIONS = path.join(process.cwd(), "lib/db/migrations");

export type Db = ReturnType<typeof drizzlePglite<typeof schema>> | ReturnType<typeof drizzlePg<typeof schema>>;
export type Store = { db: Db; kind: "pglite" | "postgres"; close: () => Promise<void> };

/**
 * Opens the store and brings it to the latest migration: a PostgreSQL server when a URL is given
 * (DATABASE_URL), else embedded PostgreSQL (PGlite) in a folder (PGLITE_DIR, default .data/pglite)
 * or in memory ("memory://"). The same schema, queries and migrations serve both.
 */
export async function openStore(opts: { databaseUrl?: string; pgliteDir?: string } = {}): Promise<Store> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (url) {
    const pool = new Pool({ connectionString: url, max: 10 });
    const db = drizzlePg(pool, { schema });
    await migratePg(db, { migrationsFolder: MIGRATIONS });
    return { db, kind: "postgres", close: () => pool.end() };
  }
  const dir = opts.pgliteDir || process.env.PGLITE_DIR || ".data/pglite";
  // PGlite makes only the last folder itself: on a fresh clone .data/ does not exist yet.
  const full = dir === "memory://" ? undefined : path.resolve(/*turbopackIgnore: true*/ dir);
  if (full) ensureDir(full);
  const client = new PGlite(full);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS });
  return { db, kind: "pglite", close: () => client.close() };
}

const globalForDb = globalThis as typeof globalThis & { __store?: Promise<Store> };

/**
 * The process-wide store, opened on first use. A failed open is not kept: callers waiting on it
 * all get the error, and the next use tries again (a full disk or a database that was still
 * starting must not need a restart). The cause is logged by class and message, never with a
 * connection string.
 */
export function getStore(): Promise<Store> {
  globalForDb.__store ??= openStore().catch((err: unknown) => {
    globalForDb.__store = undefined;
    console.error(`store could not be opened, will try again on next use: ${safeErrorText(err)}`);
    throw err;
  });
  return globalForDb.__store;
}
