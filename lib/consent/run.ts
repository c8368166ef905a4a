import "server-only";
import { getStore } from "@/lib/db/client";
import { getEduvRuntime } from "@/lib/eduv/runtime";
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
    const worker = startConsentWorker(db, getEduvRuntime().client, { ...opts, log: (line) => console.log(line) });
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void worker.stop());
    console.log(`consent worker: outbox every ${opts.intervalMs} ms, Provider statuses every ${opts.statusIntervalMs} ms`);
    return worker;
  })();
  return globalForWorker.__consentWorker;
}
