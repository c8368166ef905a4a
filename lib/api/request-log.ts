import "server-only";
import { log } from "@/lib/log";
import { countingSourceCalls, type RequestCalls } from "@/lib/runtime/request-calls";

export { noteSourceCall, outcomeCode } from "@/lib/runtime/request-calls";

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
    const response = await countingSourceCalls(calls, handle);
    status = response.status;
    return response;
  } finally {
    const sources = Object.fromEntries([...calls].map(([id, outcomes]) => [id, Object.fromEntries(outcomes)]));
    log().info(
      {
        route: new URL(request.url).pathname.slice(0, 200),
        method: request.method,
        status,
        durationMs: Math.round(performance.now() - started),
        sources,
      },
      "request",
    );
  }
}
