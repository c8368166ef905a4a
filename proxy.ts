import { NextResponse, type NextRequest } from "next/server";
import { demoFallbackAllowed, DEMO_DEFAULTS, envValue } from "@/lib/env/production";
import { commonHeaders, isPage, makeNonce, needsSession, NON_PAGE_POLICY, originOf, pagePolicy } from "@/lib/http/security-headers";

// Two jobs. The first filter only: pages without a session cookie go to the sign-in page (every
// page, route and action still checks the session and the permission itself, lib/auth/session.ts).
// And the security headers of every answer, with a fresh CSP nonce per page request.
const COOKIES = ["ldb.session", "__Host-ldb.session"];

function withHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(commonHeaders(envValue("AUTH_URL")))) response.headers.set(name, value);
  return response;
}

export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  const nonce = isPage(path) ? makeNonce() : undefined;
  const issuer = envValue("OIDC_ISSUER") ?? (demoFallbackAllowed() ? DEMO_DEFAULTS.OIDC_ISSUER : undefined);
  const csp = nonce
    ? pagePolicy(nonce, { idpOrigin: originOf(issuer), https: !!envValue("AUTH_URL")?.startsWith("https://") })
    : NON_PAGE_POLICY;

  if (needsSession(path) && !COOKIES.some((name) => request.cookies.has(name))) {
    const url = new URL("/inloggen", request.url);
    if (path !== "/") url.searchParams.set("callbackUrl", path); // a path only: no query string, no host
    return withHeaders(NextResponse.redirect(url), csp);
  }

  // Next reads the nonce from the request's CSP and puts it on every script it renders. Both
  // headers are always ours: a client's own `content-security-policy` or `x-nonce` never gets through.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  if (nonce) headers.set("x-nonce", nonce);
  else headers.delete("x-nonce");
  return withHeaders(NextResponse.next({ request: { headers } }), csp);
}

export const config = {
  // Every path: the headers belong on every answer. Which paths need a session is decided above.
  matcher: ["/:path*"],
};
