import "server-only";
import { getStore } from "@/lib/db/client";
import { asCaller } from "@/lib/sources/capacity/caller";
import { createEduvRuntime } from "@/lib/runtime/source-runtime";
import { log } from "@/lib/log";
import { processState } from "@/lib/process-state";
import { startConsentWorker, workerOptionsFromEnv, type ConsentWorker } from "./worker";

const workerHolder = () =>
  processState(
    {
      key: "connection.consent-worker",
      kind: "connection",
      what: "the consent worker (outbox and status polling) with a Source client of its own",
      cap: "one worker; its Source client's tokens and breakers per Source",
    },
    () => ({ worker: undefined as Promise<ConsentWorker | undefined> | undefined }),
  );

/**
 * The process's consent worker on the process's store and Source client, started once (dev reloads
 * included) unless LDB_CONSENT_WORKER=0. SIGTERM/SIGINT stop it after the round in progress.
 */
export function startConsentWorkerFromEnv(): Promise<ConsentWorker | undefined> {
  const holder = workerHolder();
  holder.worker ??= (async () => {
    const opts = workerOptionsFromEnv();
    if (!opts) return undefined;
    const { db } = await getStore();
    // A Source client of its own, not the routes' getEduvRuntime(): Next bundles instrumentation apart from the
    // routes, and a client shared through process state would throw errors of another bundle's SourceError
    // class, which the routes' `instanceof` checks would not recognise.
    // Its rounds (timers included) call the Sources as a caller of their own, taking turns with the staff.
    const worker = asCaller("worker:consent", () => startConsentWorker(db, createEduvRuntime().client, { ...opts, log: log() }));
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void worker.stop());
    log().info({ intervalMs: opts.intervalMs, statusIntervalMs: opts.statusIntervalMs }, "consent worker started");
    return worker;
  })();
  return holder.worker;
}
