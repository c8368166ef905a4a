import "server-only";
import { getStore } from "@/lib/db/client";
import { asCaller } from "@/lib/sources/capacity/caller";
import { createEduvRuntime } from "@/lib/runtime/source-runtime";
import { log } from "@/lib/log";
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
    // A Source client of its own, not the routes' getEduvRuntime(): Next bundles instrumentation apart from the
    // routes, and a client shared through globalThis would throw errors of another bundle's SourceError
    // class, which the routes' `instanceof` checks would not recognise.
    // Its rounds (timers included) call the Sources as a caller of their own, taking turns with the staff.
    const worker = asCaller("worker:consent", () => startConsentWorker(db, createEduvRuntime().client, { ...opts, log: log() }));
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void worker.stop());
    log().info({ intervalMs: opts.intervalMs, statusIntervalMs: opts.statusIntervalMs }, "consent worker started");
    return worker;
  })();
  return globalForWorker.__consentWorker;
}
