import "server-only";
import { EduvClient } from "./client";
import { getSigningKey } from "./keys";
import { loadSourcesConfig } from "./sources-config";
import { TokenProvider } from "./token";

type Runtime = { client: EduvClient; tokens: TokenProvider };

// One token cache and one set of circuit breakers per server process (kept across dev reloads).
const globalForEduv = globalThis as typeof globalThis & { __eduvRuntime?: Runtime };

/** The process-wide Source client, built from the sources file on first use. */
export function getEduvRuntime(): Runtime {
  if (!globalForEduv.__eduvRuntime) {
    const config = loadSourcesConfig();
    const tokens = new TokenProvider({ signingKey: getSigningKey });
    globalForEduv.__eduvRuntime = { tokens, client: new EduvClient({ config, tokens }) };
  }
  return globalForEduv.__eduvRuntime;
}
