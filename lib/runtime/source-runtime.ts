import "server-only";
import { noteSourceCall } from "@/lib/api/request-log";
import { EduvClient } from "../sources/transport/client";
import { contractHealthRecorder } from "./contract-health-flush";
import { getSigningKey } from "../sources/transport/signing-key";
import { getStore } from "@/lib/db/client";
import { SourceGates, processGates } from "../sources/capacity/source-gates";
import { StoreSlots } from "./store-permits";
import { loadSourcesConfig } from "../sources/config";
import { TokenProvider } from "../sources/transport/token";

type Runtime = { client: EduvClient; tokens: TokenProvider };

// One token cache and one set of circuit breakers per server process (kept across dev reloads).
const globalForEduv = globalThis as typeof globalThis & { __eduvRuntime?: Runtime };

/**
 * A Source client with its own token cache and circuit breakers, from the sources file. Every
 * client of the process reports its attempts to the one contract-health recorder, and to the log
 * line of the BFF request they were made for.
 */
export function createEduvRuntime(): Runtime {
  const tokens = new TokenProvider({ signingKey: getSigningKey });
  // One set of per-Source queues for the process: the routes' client and the consent worker's take turns in the same ones.
  const gates = processGates(sharedGates);
  const recorder = contractHealthRecorder();
  return {
    tokens,
    client: new EduvClient({ config: loadSourcesConfig(), tokens, observer: (event) => { recorder.observe(event); noteSourceCall(event); }, gates, halfOpenAfterMs: msFromEnv("LDB_BREAKER_HALF_OPEN_MS", 100), retryDelayMs: msFromEnv("LDB_RETRY_DELAY_MS", 1) }),
  };
}

/**
 * Durations the tests shorten, so none waits out a production timing: how long a Source whose calls
 * kept failing is left alone (LDB_BREAKER_HALF_OPEN_MS, default 10 s) and the first pause before a
 * failed call is tried again (LDB_RETRY_DELAY_MS, default 100 ms, doubling). Unset, empty, below
 * `min` or not a whole number: the default.
 */
function msFromEnv(name: string, min: number): number | undefined {
  const ms = Number(process.env[name]);
  return process.env[name]?.trim() && Number.isInteger(ms) && ms >= min ? ms : undefined;
}

/** The browser tests' reset (POST /api/e2e/reset): the next request gets a new client, so no breaker, pause or token of an earlier test is left. */
export function dropEduvRuntime(): void {
  globalForEduv.__eduvRuntime = undefined;
}

/** The process-wide Source client, built from the sources file on first use. */
export function getEduvRuntime(): Runtime {
  globalForEduv.__eduvRuntime ??= createEduvRuntime();
  return globalForEduv.__eduvRuntime;
}

/**
 * With a PostgreSQL server (DATABASE_URL), every dashboard process on it shares each Source's
 * maxConcurrentCalls through the store (lib/db/source-slots.ts); embedded PGlite is one process,
 * so its queues alone keep the limit.
 */
function sharedGates(): SourceGates {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) return new SourceGates();
  const lease = Number(process.env.LDB_SOURCE_SLOT_LEASE_SECONDS);
  // A lease shorter than a second would be renewed in a busy loop; empty or nonsense means the default.
  const leaseSeconds = Number.isFinite(lease) && lease >= 1 ? lease : 30;
  const slots = new StoreSlots({ db: async () => (await getStore()).db, databaseUrl, leaseSeconds });
  return new SourceGates({ permits: slots.permitsFor });
}
