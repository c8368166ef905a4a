import { describeDurability } from "./testing/durability-suite";

// The consent outbox across real process deaths, on embedded PGlite in a folder (the same suite on
// a PostgreSQL server: durability-postgres.test.ts, a file of its own so the two run side by side).
describeDurability("pglite");
