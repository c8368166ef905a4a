import { admitProvider, statusAnswer } from "@/lib/api/provider-route";
import { withRequestLog } from "@/lib/api/request-log";
import { listRequestsForProvider, readRequestsQuery } from "@/lib/features/consent/served";
import { getStore } from "@/lib/db/client";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

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
    const provider = await admitProvider(request, "poll");
    if (!provider.ok) return provider.response;
    const query = readRequestsQuery(new URL(request.url).searchParams);
    if (!query.ok) return statusAnswer(400, 11, "Schema incorrect");
    const { db } = await getStore();
    const items = await listRequestsForProvider(db, provider.config, provider.providerId, { api: query.api, since: query.since });
    return Response.json(items, { headers: { "Cache-Control": "no-store", "API-Version": "0.9.1" } });
  } catch (err) {
    log().error({ err, route: "/api/eduv/v1/consent/requests" }, "internal error");
    return statusAnswer(500, 99, "internal error");
  }
}
