import { admitProvider, statusAnswer } from "@/lib/api/provider-route";
import { withRequestLog } from "@/lib/api/request-log";
import { JSON_BODY_CAP, TOO_LARGE, declaredTooLarge, readCappedText } from "@/lib/api/request-body";
import { receiveNotification } from "@/lib/features/consent/notifications";
import { getStore } from "@/lib/db/client";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

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
    const provider = await admitProvider(request, "notify");
    if (!provider.ok) return provider.response;
    if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
      return statusAnswer(400, 11, "Schema incorrect");
    if (declaredTooLarge(request, JSON_BODY_CAP)) return statusAnswer(413, 11, "body too large");
    const text = await readCappedText(request, JSON_BODY_CAP);
    if (text === TOO_LARGE) return statusAnswer(413, 11, "body too large");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return statusAnswer(400, 11, "Schema incorrect");
    }
    const { db } = await getStore();
    const answer = await receiveNotification(db, provider.config, provider.providerId, body);
    if (answer.httpStatus === 202) return new Response(null, { status: 202, headers: { "Cache-Control": "no-store" } });
    return statusAnswer(answer.httpStatus, answer.status, answer.statusMessage);
  } catch (err) {
    log().error({ err, route: "/api/eduv/v1/consent/notifications" }, "internal error");
    return statusAnswer(500, 99, "internal error");
  }
}
