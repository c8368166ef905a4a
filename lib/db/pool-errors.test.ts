import { sql } from "drizzle-orm";
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "./client";
import { freshStoreEnv } from "./testing/fresh-store";

const pgUrl = process.env.TEST_DATABASE_URL;

describe("a PostgreSQL store whose idle connections the server ends", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it.skipIf(!pgUrl)(
    `keeps the process up and answers the next query${pgUrl ? "" : " (skipped: TEST_DATABASE_URL not set; npm test sets it)"}`,
    async () => {
      const fresh = await freshStoreEnv("postgres");
      const store: Store = await openStore({ databaseUrl: fresh.env.DATABASE_URL });
      cleanups.push(async () => {
        await store.close();
        await fresh.drop();
      });
      await store.db.execute(sql`SELECT 1`); // a connection, now idle in the pool
      const admin = new Client({ connectionString: pgUrl });
      await admin.connect();
      try {
        const ended = await admin.query<{ n: string }>(
          "SELECT count(pg_terminate_backend(pid))::text AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [new URL(fresh.env.DATABASE_URL).pathname.slice(1)],
        );
        expect(Number(ended.rows[0]!.n)).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
      // The pool's 'error' (57P01 on the idle connection) has a listener: no uncaught exception ends
      // vitest's worker; the next query gets a new connection.
      await new Promise((r) => setTimeout(r, 200));
      const again = await store.db.execute(sql`SELECT 2 AS two`);
      expect((again as unknown as { rows: Array<{ two: number }> }).rows[0]!.two).toBe(2);
    },
  );
});
