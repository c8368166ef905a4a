import { withRequestLog } from "@/lib/api/request-log";
import { JSON_BODY_CAP, TOO_LARGE, declaredTooLarge, readCappedText } from "@/lib/api/request-body";
import { receiveNotification } from "@/lib/features/consent/notifications";
import { checkBearer, consentEndpoints } from "@/lib/features/consent/provider-auth";
import { getStore } from "@/lib/db/client";
import { processLimits } from "@/lib/limits/process-limits";
import { getSigningKey } from "@/lib/sources/transport/signing-key";
import { loadSourcesConfig } from "@/lib/sources/config";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const status = (code: number, status: number, statusMessage: string, headers: Record<string, string> = {}) =>
  Response.json({ status, statusMessage }, { status: code, headers: { "Cache-Control": "no-store", ...headers } });

/**
 * PUT /api/eduv/v1/consent/notifications – a Data Provider pushes what became of consent (Consent
 * API Afnemer): bearer tokens from our token endpoint with `eduv.consent`, a JSON ConsentNotification
 * of at most 64 KiB, 202 when recorded (or already known), StatusResponses otherwise.
 */
export function PUT(request: Request): Promise<Response> {
  return withRequestLog(request, () => notify(request));
}

async function notify(request: Request): Promise<Response> {
  try {
    const config = loadSourcesConfig();
    const key = await getSigningKey();
    const auth = await checkBearer(request.headers.get("authorization"), { ...consentEndpoints(request), key, config });
    if (!auth.ok)
      return status(401, auth.reason === "scope" ? 21 : 99, auth.reason === "scope" ? "scope required" : "invalid or missing token", {
        "WWW-Authenticate": auth.wwwAuthenticate,
      });
    const { limiter, limits } = processLimits();
    const turn = limiter.take({ key: `consent-notify:${auth.providerId}`, rule: limits.consentPoll });
    if (!turn.ok) {
      const seconds = Math.max(1, Math.ceil(turn.retryAfterMs / 1000));
      return status(429, 99, `too many requests; try again in ${seconds} s`, { "Retry-After": String(seconds) });
    }
    if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
      return status(400, 11, "Schema incorrect");
    if (declaredTooLarge(request, JSON_BODY_CAP)) return status(413, 11, "body too large");
    const text = await readCappedText(request, JSON_BODY_CAP);
    if (text === TOO_LARGE) return status(413, 11, "body too large");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return status(400, 11, "Schema incorrect");
    }
    const { db } = await getStore();
    const answer = await receiveNotification(db, config, auth.providerId, body);
    if (answer.httpStatus === 202) return new Response(null, { status: 202, headers: { "Cache-Control": "no-store" } });
    return status(answer.httpStatus, answer.status, answer.statusMessage);
  } catch (err) {
    log().error({ err, route: "/api/eduv/v1/consent/notifications" }, "internal error");
    return status(500, 99, "internal error");
  }
}
