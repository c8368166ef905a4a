import { withRequestLog } from "@/lib/api/request-log";
import { listRequestsForProvider } from "@/lib/features/consent/served";
import { checkBearer, consentEndpoints } from "@/lib/features/consent/provider-auth";
import { getStore } from "@/lib/db/client";
import { getSigningKey } from "@/lib/sources/transport/signing-key";
import { getConsentRequestsQuerySchema } from "@/lib/sources/operations/consent";
import { loadSourcesConfig } from "@/lib/sources/config";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const status = (code: number, status: number, statusMessage: string, headers: Record<string, string> = {}) =>
  Response.json({ status, statusMessage }, { status: code, headers: { "Cache-Control": "no-store", ...headers } });

/**
 * GET /api/eduv/v1/consent/requests – the Edu-V endpoint a Data Provider polls: the consent requests
 * addressed to it, `api` and `since` ("after that moment", RFC 3339 Zulu) optional, oldest change first.
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
      return status(auth.status, auth.status === 401 ? 99 : 21, auth.status === 401 ? "invalid or missing token" : "scope required", {
        "WWW-Authenticate": auth.wwwAuthenticate,
      });
    const params = new URL(request.url).searchParams;
    const raw: Record<string, string> = {};
    for (const [k, v] of params) {
      if (k in raw) return status(400, 11, "Schema incorrect");
      raw[k] = v;
    }
    const query = getConsentRequestsQuerySchema.safeParse(raw);
    if (!query.success) return status(400, 11, "Schema incorrect");
    const { db } = await getStore();
    const items = await listRequestsForProvider(db, config, auth.providerId, {
      api: query.data.api,
      since: query.data.since ? new Date(query.data.since) : undefined,
    });
    return Response.json(items, { headers: { "Cache-Control": "no-store", "API-Version": "0.9.1" } });
  } catch (err) {
    log().error({ err, route: "/api/eduv/v1/consent/requests" }, "internal error");
    return status(500, 99, "internal error");
  }
}
