import { SourceError } from "../errors";

const CALL_CANCELLED = Symbol.for("ldb.CallCancelledError");

/** The caller aborted before the call reached the Source. Branded for `instanceof` across bundle copies (see SourceError). */
export class CallCancelledError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[CALL_CANCELLED] === true;
  }
  readonly [CALL_CANCELLED] = true;
  override readonly name = "CallCancelledError";
  constructor() {
    super("call cancelled before it was sent");
  }
}

/** What a call may still spend waiting for a busy Source, shared by all its attempts. */
export type WaitBudget = { leftMs: number };

/**
 * Per Source, the time before which it must not be called because it said it was busy. Shared by
 * every caller in the process: a Source that asks one of them to come back later means all of them.
 */
export class SourcePauses {
  private readonly notBefore = new Map<string, number>();

  /** A later answer may lengthen the pause, never shorten it: the Source's longest request stands. */
  pause(sourceId: string, until: number): void {
    if (until > (this.notBefore.get(sourceId) ?? 0)) this.notBefore.set(sourceId, until);
  }

  /** The end of the Source's pause, or undefined when it may be called now. */
  until(sourceId: string, now = Date.now()): number | undefined {
    const until = this.notBefore.get(sourceId);
    if (until === undefined || until > now) return until;
    this.notBefore.delete(sourceId);
    return undefined;
  }

  /**
   * Returns when the Source may be called. A pause longer than the budget left fails at once with
   * `busy` (nothing is sent); a shorter one is waited out. Loops because another caller may have
   * lengthened the pause while this one slept.
   */
  async wait(sourceId: string, budget: WaitBudget, signal?: AbortSignal): Promise<void> {
    for (let until = this.until(sourceId); until !== undefined; until = this.until(sourceId)) {
      const ms = until - Date.now();
      if (ms > budget.leftMs) throw new SourceError("busy", sourceId, { detail: "paused at the Source's request", retryAt: until });
      budget.leftMs -= ms;
      await sleep(ms, signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new CallCancelledError());
  return new Promise((resolve, reject) => {
    const done = () => {
      signal?.removeEventListener("abort", cancel);
      resolve();
    };
    const cancel = () => {
      clearTimeout(timer);
      reject(new CallCancelledError());
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", cancel, { once: true });
  });
}
