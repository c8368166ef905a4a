import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { processState } from "@/lib/process-state";
import type { CallEvent } from "@/lib/sources/transport/call-events";
import { formatStatusCode } from "@/lib/sources/errors";

/** What one BFF request did at the Sources: per Source id, how many attempts ended with each outcome code. */
export type RequestCalls = Map<string, Map<string, number>>;

// One for the process: the Source client lives once per process (made by whichever bundle asked
// first), the routes are bundled apart, and both must reach the same store of the request in progress.
const requests = processState(
  {
    key: "context.request-calls",
    kind: "context",
    what: "the Source calls of the BFF request in progress (AsyncLocalStorage)",
    cap: "one map per request in progress, one counter per Source and outcome code",
  },
  () => new AsyncLocalStorage<RequestCalls>(),
);

/**
 * An attempt's outcome as a short code: the HTTP status, with the Edu-V code when the Source sent
 * one ("403:0022"), or the error kind when no answer came ("timeout", "unreachable").
 */
export function outcomeCode(event: Pick<CallEvent, "httpStatus" | "statusCode" | "errorKind">): string {
  if (event.httpStatus === undefined) return event.errorKind ?? "unknown";
  const code = formatStatusCode(event.statusCode);
  return code ? `${event.httpStatus}:${code}` : String(event.httpStatus);
}

/** The Source client's observer adds each attempt to the request it was made for (none outside a request). */
export function noteSourceCall(event: CallEvent): void {
  const calls = requests.getStore();
  if (!calls) return;
  const outcomes = calls.get(event.sourceId) ?? new Map<string, number>();
  const code = outcomeCode(event);
  outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
  calls.set(event.sourceId, outcomes);
}

/** Runs `handle` with a fresh count of its Source calls, which `calls` holds when it is done. */
export function countingSourceCalls<T>(calls: RequestCalls, handle: () => Promise<T>): Promise<T> {
  return requests.run(calls, handle);
}
