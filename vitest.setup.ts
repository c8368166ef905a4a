import { inject, vi } from "vitest";

// `server-only` throws outside a React Server environment; in tests the modules run in plain Node.
vi.mock("server-only", () => ({}));

// Every BFF request writes a log line; the tests make thousands. Tests of the log lines give the
// logger a destination and level of their own (lib/log.ts useLogDestination).
process.env.LOG_LEVEL ??= "error";

// Every JSON answer of a route with a contract is checked against it (lib/api/route.ts).
process.env.LDB_CHECK_ANSWERS ??= "1";

// The stores vitest.global-setup.ts migrated once for the run (the isolated project only): openStore
// starts an in-memory PGlite from the dump, freshStoreEnv copies the dump or the PostgreSQL template.
// In the environment, so that the dashboard processes some tests start find them too.
const dump = inject("ldbPgliteDump");
const template = inject("ldbPgTemplate");
if (dump) process.env.LDB_TEST_PGLITE_DUMP = dump;
if (template) process.env.LDB_TEST_PG_TEMPLATE = template;
