import { AsyncLocalStorage } from "node:async_hooks";
import { processState } from "@/lib/process-state";

/**
 * Who a Source call is made for: the staff member behind a BFF request, or a background worker
 * under its own name. The per-Source queue serves callers in turn (fair-queue.ts). Set once where
 * the work starts (the route wrapper, the worker's start) instead of passed down every list and
 * lookup function; `CallInput.caller` still overrides it for a single call.
 *
 * One for the process: Next bundles each route with its own copy of this module, while the Source
 * client lives once per process.
 */
const context = processState(
  {
    key: "context.caller",
    kind: "context",
    what: "who the Source calls in progress are made for (AsyncLocalStorage)",
    cap: "one name per call chain in progress",
  },
  () => new AsyncLocalStorage<string>(),
);

/** Callers without a name of their own (scripts, probes) share this one. */
export const UNNAMED_CALLER = "background";

/** Runs `work` (and everything it starts, timers included) as `caller`. */
export function asCaller<T>(caller: string, work: () => T): T {
  return context.run(caller, work);
}

export function currentCaller(): string {
  return context.getStore() ?? UNNAMED_CALLER;
}
