import { withRequestLog } from "@/lib/api/request-log";
import { FORM_BODY_CAP, TOO_LARGE, declaredTooLarge, readCappedText } from "@/lib/api/request-body";
import { consentEndpoints, issueToken } from "@/lib/features/consent/provider-auth";
import { issueWithinLimits } from "@/lib/features/consent/token-limits";
import { getSigningKey } from "@/lib/sources/transport/signing-key";
import { loadSourcesConfig } from "@/lib/sources/config";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store", Pragma: "no-cache" };
const tooLarge = () =>
  Response.json({ error: "invalid_request", error_description: `body over ${FORM_BODY_CAP} bytes` }, { status: 413, headers: noStore });

// POST /api/eduv/oauth2/token – client credentials with private_key_jwt, for the Providers registered in the sources file.
export function POST(request: Request): Promise<Response> {
  return withRequestLog(request, () => token(request));
}

async function token(request: Request): Promise<Response> {
  // Public and unauthenticated: the size is checked before anything else, and the body read with a cap.
  if (declaredTooLarge(request, FORM_BODY_CAP)) return tooLarge();
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return Response.json({ error: "invalid_request", error_description: "form-encoded body required" }, { status: 400, headers: noStore });
  }
  try {
    const text = await readCappedText(request, FORM_BODY_CAP);
    if (text === TOO_LARGE) return tooLarge();
    const form = new URLSearchParams(text);
    const config = loadSourcesConfig();
    const key = await getSigningKey();
    const answer = await issueWithinLimits(request, form, config, () => issueToken(form, { ...consentEndpoints(request), config, key }));
    if (answer instanceof Response) return answer;
    // RFC 6749 §5.2: a challenge only to a client that tried the Authorization header (which is not
    // accepted here); one that sent an assertion gets invalid_client in the body alone.
    const triedBasic = /^basic /i.test(request.headers.get("authorization") ?? "");
    return Response.json(answer.body, {
      status: answer.status,
      headers: answer.status === 401 && triedBasic ? { ...noStore, "WWW-Authenticate": 'Basic realm="token"' } : noStore,
    });
  } catch (err) {
    log().error({ err, route: "/api/eduv/oauth2/token" }, "internal error");
    return Response.json({ error: "server_error", error_description: "internal error" }, { status: 500, headers: noStore });
  }
}
