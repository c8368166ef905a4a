import "server-only";
import { processState } from "@/lib/process-state";
import { onConsentChange } from "@/lib/sources/answer-cache";
import type { LicenceFinding } from "./licence-scan";

/** What a finished scan found: the two licence checks, and per registry how many pupils it answered about and how many not. */
export type ScanResult = {
  findings: LicenceFinding[];
  registries: Array<{ sourceId: string; name: string; answered: number; notAnswered: number }>;
  /** Pupils not asked at all: a status nobody knows, not in the LAS's list, or an identifier that cannot be sent. */
  notAsked: number;
};

type Common = { id: string; startedAt: string; startedBy: string; total: number };
/** A scan as a page shows it: running (with progress), done (with its result), cancelled, or failed (with the error's code). */
export type ScanJob =
  | (Common & { state: "running"; done: number })
  | (Common & { state: "done"; finishedAt: string; result: ScanResult })
  | (Common & { state: "cancelled"; finishedAt: string; done: number })
  | (Common & { state: "failed"; finishedAt: string; error: string });

type Slot = { job: ScanJob; abort: AbortController; endedAt?: number; now: () => number };

/** How long a finished scan's result is kept: as long as the usage answers it was made of (USAGE_CACHE_TTL_SECONDS). */
const keptMs = () => Number(process.env.USAGE_CACHE_TTL_SECONDS ?? 600) * 1000;

const scans = processState(
  {
    key: "jobs.licence-scan",
    kind: "cache",
    what: "each school's licence scan: its progress, or its findings (masked identifiers and keys, no names)",
    cap: "one scan per school; a finished one kept USAGE_CACHE_TTL_SECONDS (600 s)",
  },
  () => {
    const slots = new Map<string, Slot>();
    // A change of consent at a school lets its finished scan go, as it lets the Sources' answers go.
    onConsentChange((change) => {
      for (const [schoolId, slot] of slots)
        if (slot.job.state !== "running" && ("all" in change || change.schoolId === schoolId)) slots.delete(schoolId);
    });
    return slots;
  },
);

/** The school's scan: running, or finished and not older than its answers may be; else undefined. */
export function scanOf(schoolId: string, now = Date.now()): ScanJob | undefined {
  const slot = scans.get(schoolId);
  if (!slot) return undefined;
  if (slot.endedAt !== undefined && now - slot.endedAt >= keptMs()) {
    scans.delete(schoolId);
    return undefined;
  }
  return slot.job;
}

/** The work of one scan: asks `total` pupils, says how far it got, stops when `signal` aborts. */
export type ScanWork = (signal: AbortSignal, progress: (done: number) => void) => Promise<ScanResult>;

/**
 * Starts the school's scan of `total` pupils in the background, unless one is running there (then
 * that one is returned with `started: false`: one scan per school, whoever started it). The result
 * replaces the school's previous one when it is done; a cancelled or failed scan says so instead.
 */
export function startScan(
  schoolId: string,
  who: { startedBy: string; total: number },
  work: ScanWork,
  opts: { now?: () => number; id?: string } = {},
): { job: ScanJob; started: boolean } {
  const now = opts.now ?? Date.now;
  const running = scans.get(schoolId);
  if (running?.job.state === "running") return { job: running.job, started: false };
  const abort = new AbortController();
  const common = { id: opts.id ?? crypto.randomUUID(), startedAt: new Date(now()).toISOString(), ...who };
  const slot: Slot = { job: { ...common, state: "running", done: 0 }, abort, now };
  scans.set(schoolId, slot);
  // A scan cancelled meanwhile (cancelScan ended it) keeps that end.
  const end = (job: ScanJob) => {
    if (slot.job.state !== "running") return;
    slot.job = job;
    slot.endedAt = now();
  };
  const finishedAt = () => new Date(now()).toISOString();
  void work(abort.signal, (done) => {
    if (slot.job.state === "running") slot.job = { ...slot.job, done };
  }).then(
    (result) => end({ ...common, state: "done", finishedAt: finishedAt(), result }),
    (err: unknown) => end({ ...common, state: "failed", finishedAt: finishedAt(), error: errorCode(err) }),
  );
  return { job: slot.job, started: true };
}

/** A Source error's kind (SourceError.kind) as the page words it; anything else is "internal". */
function errorCode(err: unknown): string {
  const kind = (err as { kind?: unknown } | null)?.kind;
  return typeof kind === "string" ? kind : "internal";
}

/**
 * Stops the school's running scan at once (calls still waiting for a Source are dropped, those under
 * way finish unheard): it shows as cancelled, with how far it got, and a new one may start. False when none runs.
 */
export function cancelScan(schoolId: string): boolean {
  const slot = scans.get(schoolId);
  if (slot?.job.state !== "running") return false;
  const { id, startedAt, startedBy, total, done } = slot.job;
  slot.job = { id, startedAt, startedBy, total, state: "cancelled", finishedAt: new Date(slot.now()).toISOString(), done };
  slot.endedAt = slot.now();
  slot.abort.abort(new Error("cancelled"));
  return true;
}

/** Every scan let go (the e2e reset). */
export function dropScans(): void {
  for (const slot of scans.values()) slot.abort.abort(new Error("dropped"));
  scans.clear();
}
