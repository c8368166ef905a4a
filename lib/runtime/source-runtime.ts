import "server-only";
import { getStore } from "@/lib/db/client";
import { processState, type ProcessStateSpec } from "@/lib/process-state";
import { SourceGates } from "@/lib/sources/capacity/source-gates";
import { loadSourcesConfig } from "@/lib/sources/config";
import { EduvClient } from "@/lib/sources/transport/client";
import { getSigningKey } from "@/lib/sources/transport/signing-key";
import { TokenProvider } from "@/lib/sources/transport/token";
import { contractHealthRecorder } from "./contract-health-flush";
import { noteSourceCall } from "./request-calls";
import { StoreSlots } from "./store-permits";

type Runtime = { client: EduvClient; tokens: TokenProvider };

// One token cache and one set of circuit breakers and Source pauses per server process (kept across dev reloads).
const RUNTIME: ProcessStateSpec = {
  key: "sources.client",
  kind: "capacity",
  what: "the routes' Source client: its tokens, circuit breakers and Source pauses",
  cap: "per Source: one breaker and pause; per (Source, client, scope set): one token",
};
const GATES: ProcessStateSpec = {
  key: "sources.gates",
  kind: "capacity",
  what: "each Source's call slots and the calls waiting for one, by caller",
  cap: "per Source: maxConcurrentCalls slots, at most queuePerUser waiting calls per caller and queueTotal in all (LDB_LIMITS)",
};
const runtimeHolder = () => processState(RUNTIME, () => ({ runtime: undefined as Runtime | undefined }));

/**
 * A Source client with its own token cache and circuit breakers, from the sources file. Every
 * client of the process reports its attempts to the one contract-health recorder, and to the log
 * line of the BFF request they were made for.
 */
export function createEduvRuntime(): Runtime {
  const tokens = new TokenProvider({ signingKey: getSigningKey });
  // One set of per-Source queues for the process: the routes' client and the consent worker's take turns in the same ones.
  const gates = processState(GATES, sharedGates);
  const recorder = contractHealthRecorder();
  return {
    tokens,
    client: new EduvClient({
      config: loadSourcesConfig(),
      tokens,
      observer: (event) => {
        recorder.observe(event);
        noteSourceCall(event);
      },
      gates,
      halfOpenAfterMs: msFromEnv("LDB_BREAKER_HALF_OPEN_MS", 100),
      retryDelayMs: msFromEnv("LDB_RETRY_DELAY_MS", 1),
    }),
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
  runtimeHolder().runtime = undefined;
}

/** The process-wide Source client, built from the sources file on first use. */
export function getEduvRuntime(): Runtime {
  const holder = runtimeHolder();
  holder.runtime ??= createEduvRuntime();
  return holder.runtime;
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
