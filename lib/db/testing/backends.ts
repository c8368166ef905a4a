import { afterAll } from "vitest";
import { openStore, type Store } from "@/lib/db/client";
import { freshStoreEnv } from "./fresh-store";

/** A store a test file runs against: its name, how to open it, and whether it runs here. */
export type Backend = [name: string, open: () => Promise<Store>, enabled: boolean];

/**
 * The two stores a store test runs against: embedded PGlite in memory, and (when npm test has
 * started one, TEST_DATABASE_URL) a database of the calling file's own on the PostgreSQL server,
 * dropped after the file. Call at the top of a test file, for `describe.each`.
 */
export function storeBackends(): Backend[] {
  const pgUrl = process.env.TEST_DATABASE_URL;
  let database: ReturnType<typeof freshStoreEnv> | undefined;
  afterAll(async () => (await database)?.drop());
  return [
    ["PGlite (embedded)", () => openStore({ pgliteDir: "memory://", databaseUrl: "" }), true],
    [
      pgUrl ? "PostgreSQL server" : "PostgreSQL server (skipped: TEST_DATABASE_URL not set; npm test sets it)",
      async () => openStore({ databaseUrl: (await (database ??= freshStoreEnv("postgres"))).env.DATABASE_URL }),
      !!pgUrl,
    ],
  ];
}
