import { withRequestLog } from "@/lib/api/request-log";
import { consentEndpoints, issueToken } from "@/lib/consent/provider-auth";
import { getSigningKey } from "@/lib/eduv/keys";
import { loadSourcesConfig } from "@/lib/eduv/sources-config";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

// POST /api/eduv/oauth2/token – client credentials with private_key_jwt, for the Providers registered in the sources file.
export function POST(request: Request): Promise<Response> {
  return withRequestLog(request, () => token(request));
}

async function token(request: Request): Promise<Response> {
  const noStore = { "Cache-Control": "no-store", Pragma: "no-cache" };
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return Response.json({ error: "invalid_request", error_description: "form-encoded body required" }, { status: 400, headers: noStore });
  }
  try {
    const form = new URLSearchParams(await request.text());
    const answer = await issueToken(form, { ...consentEndpoints(request), config: loadSourcesConfig(), key: await getSigningKey() });
    return Response.json(answer.body, { status: answer.status, headers: answer.status === 401 ? { ...noStore, "WWW-Authenticate": 'Basic realm="token"' } : noStore });
  } catch (err) {
    log().error({ err, route: "/api/eduv/oauth2/token" }, "internal error");
    return Response.json({ error: "server_error", error_description: "internal error" }, { status: 500, headers: noStore });
  }
}
