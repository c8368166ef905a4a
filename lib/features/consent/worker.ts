import "server-only";
import type { Db } from "@/lib/db/client";
import type { EduvClient } from "@/lib/sources/transport/client";
import { sendDueConsentRequests, sendDueWithdrawals, type OutboxOptions, type OutboxRound } from "./outbox";
import { pollConsentStatuses, type StatusRound } from "./statuses";
import { checkDuePairs } from "./live-check";

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
  /** How often the statuses of Providers that push them (`consent.notifies`) are polled all the same, as a safety net (default 10 min). */
  pushedCheckIntervalMs?: number;
  /** How old a pair's live check may get before the worker checks it again (0: no background checks; the first round comes one interval after the start). */
  liveCheckIntervalMs?: number;
  outbox?: OutboxOptions;
  log?: WorkerLog;
};

const silent: WorkerLog = { info() {}, debug() {}, error() {} };

export type ConsentWorker = {
  /** One outbox round, and a status poll when one is due; never two at once. */
  runOnce(): Promise<{ outbox: OutboxRound; withdrawals: OutboxRound; statuses?: StatusRound }>;
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
  let lastPushedCheck = 0;
  let lastLiveChecks = Date.now();

  /** Rounds of one outbox until a claim comes back short: a full claim means more may be due. */
  async function drain(send: (db: Db, client: EduvClient, opts?: OutboxOptions) => Promise<OutboxRound>): Promise<OutboxRound> {
    const limit = opts.outbox?.limit ?? 20;
    let total = await send(db, client, opts.outbox);
    for (let more = total; more.claimed === limit && !stopped;) {
      more = await send(db, client, opts.outbox);
      total = {
        claimed: total.claimed + more.claimed,
        sent: total.sent + more.sent,
        failed: total.failed + more.failed,
        retried: total.retried + more.retried,
      };
    }
    return total;
  }

  async function round() {
    const started = performance.now();
    const outbox = await drain(sendDueConsentRequests);
    const withdrawals = stopped ? { claimed: 0, sent: 0, failed: 0, retried: 0 } : await drain(sendDueWithdrawals);
    let statuses: StatusRound | undefined;
    if (!stopped && Date.now() - lastStatusPoll >= opts.statusIntervalMs) {
      lastStatusPoll = Date.now();
      // Providers that push are asked only now and then: a lost notification is found, the push is the way.
      const checkPushed = Date.now() - lastPushedCheck >= (opts.pushedCheckIntervalMs ?? 600_000);
      if (checkPushed) lastPushedCheck = Date.now();
      statuses = await pollConsentStatuses(db, client, (s) => checkPushed || !s.consent?.notifies);
    }
    let liveChecks = 0;
    if (!stopped && opts.liveCheckIntervalMs && Date.now() - lastLiveChecks >= opts.liveCheckIntervalMs) {
      lastLiveChecks = Date.now();
      liveChecks = await checkDuePairs(db, client, opts.liveCheckIntervalMs);
    }
    // One line per round. A round that found nothing to send and polled nothing new is written at
    // debug level: at the default interval (5 s) every instance would otherwise add 17,000 idle lines a day.
    const busy =
      outbox.claimed > 0 ||
      withdrawals.claimed > 0 ||
      liveChecks > 0 ||
      (statuses !== undefined && (statuses.recorded > 0 || statuses.known > 0 || statuses.unknown > 0 || statuses.failed.length > 0));
    // Counts of final 4xx answers and of Providers not polled are named without "failed": a round that
    // went well must not read as an error line to whoever greps the log (the first-run test does).
    const line = {
      outbox: { claimed: outbox.claimed, sent: outbox.sent, givenUp: outbox.failed, retried: outbox.retried },
      withdrawals: { claimed: withdrawals.claimed, sent: withdrawals.sent, givenUp: withdrawals.failed, retried: withdrawals.retried },
      liveChecks,
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
    return { outbox, withdrawals, statuses };
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
    pushedCheckIntervalMs: num("LDB_CONSENT_PUSHED_CHECK_MS", 600_000, 50),
    liveCheckIntervalMs: num("LDB_CONSENT_LIVE_CHECK_MS", 900_000, 0),
    outbox: {
      leaseSeconds: num("LDB_CONSENT_LEASE_SECONDS", 60, 1),
      baseMs: num("LDB_CONSENT_RETRY_BASE_MS", 2_000, 1),
      capMs: num("LDB_CONSENT_RETRY_CAP_MS", 300_000, 1),
    },
  };
}
