import { admitProvider, statusAnswer } from "@/lib/api/provider-route";
import { withRequestLog } from "@/lib/api/request-log";
import { listRequestsForProvider, readRequestsQuery } from "@/lib/features/consent/served";
import { getStore } from "@/lib/db/client";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

/**
 * GET /api/eduv/v1/consent/requests – the Edu-V endpoint a Data Provider polls: the consent requests
 * addressed to it, `api` and `since` ("after that moment", RFC 3339) optional and read liberally
 * (lib/features/consent/served.ts readRequestsQuery), oldest change first, at most 60 a minute per Provider;
 * with `limit` a page at a time, the next named by a `Link: <…>; rel="next"` header (ERRATA 43).
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
    const { items, next } = await listRequestsForProvider(db, provider.config, provider.providerId, query);
    const headers: Record<string, string> = { "Cache-Control": "no-store", "API-Version": "0.9.1" };
    if (next) {
      // RFC 8288: the next page, the same question with the cursor where this page ended.
      const url = new URL(request.url);
      url.searchParams.set("cursor", next);
      headers.Link = `<${url.pathname}${url.search}>; rel="next"`;
    }
    return Response.json(items, { headers });
  } catch (err) {
    log().error({ err, route: "/api/eduv/v1/consent/requests" }, "internal error");
    return statusAnswer(500, 99, "internal error");
  }
}
