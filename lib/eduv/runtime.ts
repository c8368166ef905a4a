import "server-only";
import { noteSourceCall } from "@/lib/api/request-log";
import { EduvClient } from "./client";
import { contractHealthRecorder } from "./contract-health-process";
import { getSigningKey } from "./keys";
import { loadSourcesConfig } from "./sources-config";
import { TokenProvider } from "./token";

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
  const recorder = contractHealthRecorder();
  return {
    tokens,
    client: new EduvClient({ config: loadSourcesConfig(), tokens, observer: (event) => { recorder.observe(event); noteSourceCall(event); } }),
  };
}

/** The process-wide Source client, built from the sources file on first use. */
export function getEduvRuntime(): Runtime {
  globalForEduv.__eduvRuntime ??= createEduvRuntime();
  return globalForEduv.__eduvRuntime;
}
