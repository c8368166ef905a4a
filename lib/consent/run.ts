import "server-only";
import { getStore } from "@/lib/db/client";
import { EduvClient } from "@/lib/eduv/client";
import { getSigningKey } from "@/lib/eduv/keys";
import { loadSourcesConfig } from "@/lib/eduv/sources-config";
import { TokenProvider } from "@/lib/eduv/token";
import { startConsentWorker, workerOptionsFromEnv, type ConsentWorker } from "./worker";

const globalForWorker = globalThis as typeof globalThis & { __consentWorker?: Promise<ConsentWorker | undefined> };

/**
 * The process's consent worker on the process's store and Source client, started once (dev reloads
 * included) unless LDB_CONSENT_WORKER=0. SIGTERM/SIGINT stop it after the round in progress.
 */
export function startConsentWorkerFromEnv(): Promise<ConsentWorker | undefined> {
  globalForWorker.__consentWorker ??= (async () => {
    const opts = workerOptionsFromEnv();
    if (!opts) return undefined;
    const { db } = await getStore();
    // Its own Source client, not the routes' getEduvRuntime(): Next bundles instrumentation apart from the
    // routes, and a client shared through globalThis would throw errors of another bundle's SourceError
    // class, which the routes' `instanceof` checks would not recognise.
    const client = new EduvClient({ config: loadSourcesConfig(), tokens: new TokenProvider({ signingKey: getSigningKey }) });
    const worker = startConsentWorker(db, client, { ...opts, log: (line) => console.log(line) });
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void worker.stop());
    console.log(`consent worker: outbox every ${opts.intervalMs} ms, Provider statuses every ${opts.statusIntervalMs} ms`);
    return worker;
  })();
  return globalForWorker.__consentWorker;
}
