import { NextResponse, type NextRequest } from "next/server";

// The first filter only: pages without a session cookie go to the sign-in page. Every page, route
// and action still checks the session and the permission itself (lib/auth/session.ts).
const COOKIES = ["ldb.session", "__Host-ldb.session"];

export function proxy(request: NextRequest) {
  if (COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = new URL("/inloggen", request.url);
  const path = request.nextUrl.pathname;
  if (path !== "/") url.searchParams.set("callbackUrl", path); // a path only: no query string, no host
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!inloggen|api/|\\.well-known/|_next/|favicon\\.ico).*)"],
};
