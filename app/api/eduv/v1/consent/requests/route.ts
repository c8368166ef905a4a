import { withRequestLog } from "@/lib/api/request-log";
import { listRequestsForProvider, readRequestsQuery } from "@/lib/features/consent/served";
import { checkBearer, consentEndpoints } from "@/lib/features/consent/provider-auth";
import { getStore } from "@/lib/db/client";
import { getSigningKey } from "@/lib/sources/transport/signing-key";
import { processLimits } from "@/lib/limits/process-limits";
import { loadSourcesConfig } from "@/lib/sources/config";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const status = (code: number, status: number, statusMessage: string, headers: Record<string, string> = {}) =>
  Response.json({ status, statusMessage }, { status: code, headers: { "Cache-Control": "no-store", ...headers } });

/**
 * GET /api/eduv/v1/consent/requests – the Edu-V endpoint a Data Provider polls: the consent requests
 * addressed to it, `api` and `since` ("after that moment", RFC 3339) optional and read liberally
 * (lib/features/consent/served.ts readRequestsQuery), oldest change first, at most 60 a minute per Provider.
 */
export function GET(request: Request): Promise<Response> {
  return withRequestLog(request, () => serveRequests(request));
}

async function serveRequests(request: Request): Promise<Response> {
  try {
    const config = loadSourcesConfig();
    const key = await getSigningKey();
    const auth = await checkBearer(request.headers.get("authorization"), { ...consentEndpoints(request), key, config });
    if (!auth.ok)
      return status(401, auth.reason === "scope" ? 21 : 99, auth.reason === "scope" ? "scope required" : "invalid or missing token", {
        "WWW-Authenticate": auth.wwwAuthenticate,
      });
    // Per Provider, after its token is known good: a Provider polling in a loop is told when to come back.
    const { limiter, limits } = processLimits();
    const turn = limiter.take({ key: `consent-poll:${auth.providerId}`, rule: limits.consentPoll });
    if (!turn.ok) {
      const seconds = Math.max(1, Math.ceil(turn.retryAfterMs / 1000));
      return status(429, 99, `too many requests; try again in ${seconds} s`, { "Retry-After": String(seconds) });
    }
    const query = readRequestsQuery(new URL(request.url).searchParams);
    if (!query.ok) return status(400, 11, "Schema incorrect");
    const { db } = await getStore();
    const items = await listRequestsForProvider(db, config, auth.providerId, { api: query.api, since: query.since });
    return Response.json(items, { headers: { "Cache-Control": "no-store", "API-Version": "0.9.1" } });
  } catch (err) {
    log().error({ err, route: "/api/eduv/v1/consent/requests" }, "internal error");
    return status(500, 99, "internal error");
  }
}
