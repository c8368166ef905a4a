import "server-only";
import { getStore } from "@/lib/db/client";
import { log } from "@/lib/log";
import { processState } from "@/lib/process-state";
import { addContractHealth, pruneContractHealth, readContractHealth } from "@/lib/db/contract-health";
import type { Db } from "@/lib/db/client";
import { ContractHealthRecorder, RETENTION_MS, type HealthDelta } from "@/lib/sources/health/contract-health";
import { periodStart, summarizeSource, type SourceSummary } from "@/lib/sources/health/contract-health-summary";

export const FLUSH_INTERVAL_MS = 10_000;

type ProcessHealth = { recorder: ContractHealthRecorder; queue: Promise<void>; failing: boolean; timer?: ReturnType<typeof setInterval> };

// One for the process: Next bundles instrumentation (the consent worker's client, the timer) apart from
// the routes and pages, and all of them must count into, and flush, the one recorder.
function state(): ProcessHealth {
  return processState(
    {
      key: "observability.contract-health",
      kind: "observability",
      what: "the contract-health counts not yet flushed to the store",
      cap: "one row per (Source, operation, hour) since the last flush (every 10 s); rows kept through a store outage are dropped after 7 days",
    },
    () => ({ recorder: new ContractHealthRecorder(), queue: Promise.resolve(), failing: false }),
  );
}

/** What a flush needs of the recorder. */
export type PendingHealth = { take(): HealthDelta[]; giveBack(deltas: readonly HealthDelta[], now?: number): void };

/**
 * Moves the recorder's counts into the store and deletes rows past retention. When the store
 * fails, the counts go back to the recorder for the next flush, and the error is thrown.
 */
export async function flushContractHealth(db: Db, recorder: PendingHealth, now = Date.now()): Promise<{ rows: number; pruned: number }> {
  const deltas = recorder.take();
  try {
    await addContractHealth(db, deltas);
  } catch (err) {
    recorder.giveBack(deltas, now);
    throw err;
  }
  const pruned = await pruneContractHealth(db, new Date(now - RETENTION_MS));
  return { rows: deltas.length, pruned };
}

/** The process's recorder: every Source client of the process observes into it. */
export function contractHealthRecorder(): ContractHealthRecorder {
  return state().recorder;
}

/**
 * Moves the counts into the store, after any flush already under way (so a page that flushes and
 * then reads sees every attempt made before). Never throws: a store that is down costs a log line
 * when it starts failing and one when it is back, and the counts wait in memory meanwhile.
 */
export function flushContractHealthNow(): Promise<void> {
  const s = state();
  s.queue = s.queue.then(async () => {
    try {
      const { db } = await getStore();
      await flushContractHealth(db, s.recorder);
      if (s.failing) log().info("contract health: flushing again");
      s.failing = false;
    } catch (err) {
      // Only the class (the logger's err serializer): a driver's message may quote the statement's parameters.
      if (!s.failing) log().error({ err }, "contract health: flush failed; counts kept in memory");
      s.failing = true;
    }
  });
  return s.queue;
}

/** Flushes every `intervalMs` in the background; started once per process, never keeps it alive. */
export function startContractHealthFlusher(intervalMs = FLUSH_INTERVAL_MS): void {
  const s = state();
  if (s.timer) return;
  s.timer = setInterval(() => void flushContractHealthNow(), intervalMs);
  s.timer.unref();
}

/**
 * The last 7 days of the given Sources, as the Sources page and the contract report show them:
 * this process's counts are flushed first, so an attempt made a moment ago is in. Throws when
 * the store cannot be read.
 */
export async function sourceHealthSummaries(sourceIds: readonly string[], now = Date.now()): Promise<Map<string, SourceSummary>> {
  await flushContractHealthNow();
  const { db } = await getStore();
  const since = new Date(periodStart(now));
  const rows = await readContractHealth(db, { since, sourceId: sourceIds.length === 1 ? sourceIds[0] : undefined });
  return new Map(sourceIds.map((id) => [id, summarizeSource(rows, id, now)]));
}
