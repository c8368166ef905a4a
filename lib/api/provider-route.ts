import "server-only";
import { checkBearer, consentEndpoints } from "@/lib/features/consent/provider-auth";
import { processLimits } from "@/lib/limits/process-limits";
import { loadSourcesConfig, type SourcesConfig } from "@/lib/sources/config";
import { getSigningKey } from "@/lib/sources/transport/signing-key";

/** An Edu-V StatusResponse, never cached. */
export function statusAnswer(code: number, status: number, statusMessage: string, headers: Record<string, string> = {}): Response {
  return Response.json({ status, statusMessage }, { status: code, headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * The door of the dashboard's Edu-V API for Data Providers (GET /consent/requests, PUT
 * /consent/notifications): a bearer token from our token endpoint with `eduv.consent` (401 with
 * RFC 6750's challenge, 0021 for a missing scope and 0099 otherwise, as the Edu-V table says), then
 * per Provider and `kind` at most the consentPoll limit (429 with Retry-After). The Provider it lets
 * in, with the sources file read once for the request.
 */
export async function admitProvider(
  request: Request,
  kind: "poll" | "notify",
): Promise<{ ok: true; providerId: string; config: SourcesConfig } | { ok: false; response: Response }> {
  const config = loadSourcesConfig();
  const key = await getSigningKey();
  const auth = await checkBearer(request.headers.get("authorization"), { ...consentEndpoints(request), key, config });
  if (!auth.ok) {
    const scope = auth.reason === "scope";
    const response = statusAnswer(401, scope ? 21 : 99, scope ? "scope required" : "invalid or missing token", {
      "WWW-Authenticate": auth.wwwAuthenticate,
    });
    return { ok: false, response };
  }
  const { limiter, limits } = processLimits();
  const turn = limiter.take({ key: `consent-${kind}:${auth.providerId}`, rule: limits.consentPoll });
  if (!turn.ok) {
    const seconds = Math.max(1, Math.ceil(turn.retryAfterMs / 1000));
    return {
      ok: false,
      response: statusAnswer(429, 99, `too many requests; try again in ${seconds} s`, { "Retry-After": String(seconds) }),
    };
  }
  return { ok: true, providerId: auth.providerId, config };
}
