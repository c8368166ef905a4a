import "server-only";
import type { Db } from "@/lib/db/client";
import type { EduvClient } from "@/lib/sources/transport/client";
import { sendDueConsentRequests, type OutboxOptions, type OutboxRound } from "./outbox";
import { pollConsentStatuses, type StatusRound } from "./statuses";

/** Where the worker reports: one line per round (counts and Provider ids only), one per failed round. */
export type WorkerLog = {
  info(fields: object, msg: string): void;
  debug(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
};

export type WorkerOptions = {
  /** Pause between outbox rounds (a full round goes again at once). */
  intervalMs: number;
  /** How often the Providers' consent statuses are polled. */
  statusIntervalMs: number;
  outbox?: OutboxOptions;
  log?: WorkerLog;
};

const silent: WorkerLog = { info() {}, debug() {}, error() {} };

export type ConsentWorker = {
  /** One outbox round, and a status poll when one is due; never two at once. */
  runOnce(): Promise<{ outbox: OutboxRound; statuses?: StatusRound }>;
  /** Stops scheduling and waits for the round in progress, so a graceful stop leaves nothing half-recorded. */
  stop(): Promise<void>;
};

/**
 * The consent requests' background work in one server process: send what is due from the durable
 * outbox, and learn the Providers' answers. Every instance may run one: claims are row-locked, so
 * each request is sent by one of them, and a process that dies leaves its claims to expire.
 */
export function startConsentWorker(db: Db, client: EduvClient, opts: WorkerOptions): ConsentWorker {
  const log = opts.log ?? silent;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  let lastStatusPoll = 0;

  async function round() {
    const started = performance.now();
    const limit = opts.outbox?.limit ?? 20;
    let outbox = await sendDueConsentRequests(db, client, opts.outbox);
    // A full claim means more may be due: keep going before pausing.
    for (let more = outbox; more.claimed === limit && !stopped;) {
      more = await sendDueConsentRequests(db, client, opts.outbox);
      outbox = {
        claimed: outbox.claimed + more.claimed,
        sent: outbox.sent + more.sent,
        failed: outbox.failed + more.failed,
        retried: outbox.retried + more.retried,
      };
    }
    let statuses: StatusRound | undefined;
    if (!stopped && Date.now() - lastStatusPoll >= opts.statusIntervalMs) {
      lastStatusPoll = Date.now();
      statuses = await pollConsentStatuses(db, client);
    }
    // One line per round. A round that found nothing to send and polled nothing new is written at
    // debug level: at the default interval (5 s) every instance would otherwise add 17,000 idle lines a day.
    const busy =
      outbox.claimed > 0 ||
      (statuses !== undefined && (statuses.recorded > 0 || statuses.known > 0 || statuses.unknown > 0 || statuses.failed.length > 0));
    // Counts of final 4xx answers and of Providers not polled are named without "failed": a round that
    // went well must not read as an error line to whoever greps the log (the first-run test does).
    const line = {
      outbox: { claimed: outbox.claimed, sent: outbox.sent, givenUp: outbox.failed, retried: outbox.retried },
      statuses: statuses && {
        providers: statuses.providers,
        received: statuses.received,
        recorded: statuses.recorded,
        known: statuses.known,
        unknown: statuses.unknown,
        notPolled: statuses.failed,
      },
      durationMs: Math.round(performance.now() - started),
    };
    (busy ? log.info : log.debug).call(log, line, "consent worker round");
    return { outbox, statuses };
  }

  const runOnce = () => {
    const current = (running ?? Promise.resolve()).catch(() => {}).then(round);
    running = current;
    return current;
  };

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce()
        // Only the error's class (the logger's err serializer): a message may quote an answer.
        .catch((err: unknown) => log.error({ err }, "consent worker round failed"))
        .finally(schedule);
    }, opts.intervalMs);
    timer.unref?.();
  }
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}

/** Worker settings from the environment (see .env.example); LDB_CONSENT_WORKER=0 turns it off in this process. */
export function workerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerOptions | undefined {
  if (env.LDB_CONSENT_WORKER === "0") return undefined;
  const num = (name: string, fallback: number, min: number) => {
    const v = Number(env[name] ?? fallback);
    return Number.isFinite(v) && v >= min ? v : fallback;
  };
  return {
    intervalMs: num("LDB_CONSENT_INTERVAL_MS", 5_000, 50),
    statusIntervalMs: num("LDB_CONSENT_STATUS_INTERVAL_MS", 30_000, 50),
    outbox: {
      leaseSeconds: num("LDB_CONSENT_LEASE_SECONDS", 60, 1),
      baseMs: num("LDB_CONSENT_RETRY_BASE_MS", 2_000, 1),
      capMs: num("LDB_CONSENT_RETRY_CAP_MS", 300_000, 1),
    },
  };
}
