import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { CallEvent } from "@/lib/sources/transport/call-events";
import { formatStatusCode } from "@/lib/sources/errors";
import { log } from "@/lib/log";

/** What one BFF request did at the Sources: per Source id, how many attempts ended with each outcome code. */
type RequestCalls = Map<string, Map<string, number>>;

// On globalThis: the Source client lives once per process (created by whichever bundle asked first),
// the routes are bundled apart, and both must reach the same store of the request in progress.
const globalForRequests = globalThis as typeof globalThis & { __ldbRequestCalls?: AsyncLocalStorage<RequestCalls> };
const requests = (globalForRequests.__ldbRequestCalls ??= new AsyncLocalStorage<RequestCalls>());

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

/**
 * Runs a BFF request and writes its one log line: route (the path, which holds no identifier: those
 * travel in bodies and opaque keys in the query), method, status, duration and the Sources called
 * with their outcome codes. Counted, not listed: a coverage run makes a thousand calls.
 */
export async function withRequestLog(request: Request, handle: () => Promise<Response>): Promise<Response> {
  const calls: RequestCalls = new Map();
  const started = performance.now();
  let status = 500;
  try {
    const response = await requests.run(calls, handle);
    status = response.status;
    return response;
  } finally {
    const sources = Object.fromEntries([...calls].map(([id, outcomes]) => [id, Object.fromEntries(outcomes)]));
    log().info({ route: new URL(request.url).pathname.slice(0, 200), method: request.method, status, durationMs: Math.round(performance.now() - started), sources }, "request");
  }
}
