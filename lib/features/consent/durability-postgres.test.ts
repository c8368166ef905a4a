import { describeDurability } from "./testing/durability-suite";

// The consent outbox across real process deaths on a PostgreSQL server (TEST_DATABASE_URL), with two
// dashboard processes racing on one database (the same suite on PGlite: durability.test.ts).
describeDurability("postgres");
