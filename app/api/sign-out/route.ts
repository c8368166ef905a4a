import { readCookie } from "@/lib/api/route";
import { authSettings } from "@/lib/auth/settings";
import { clearSiteData, endSession, sameOriginPost } from "@/lib/auth/sign-out";
import { getStore } from "@/lib/db/client";

export const dynamic = "force-dynamic";

// POST /api/sign-out – the header's "Afmelden" form. A route, not a server action: only a response
// of our own can carry Clear-Site-Data, and the full page load that follows drops every script's
// memory (the react-query cache with it) instead of a soft navigation that keeps it.
export async function POST(request: Request): Promise<Response> {
  if (!sameOriginPost(request))
    return Response.json(
      { error: { code: "csrf", message: "Afmelden kan alleen vanuit het dashboard zelf." } },
      { status: 403, headers: { "Cache-Control": "no-store" } },
    );
  const settings = authSettings();
  const { db } = await getStore();
  await endSession(db, readCookie(request, settings.sessionCookie));
  const expired = `${settings.sessionCookie}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${settings.secure ? "; Secure" : ""}`;
  return new Response(null, {
    // 303: the browser follows with a GET, so reloading the sign-in page never posts again.
    status: 303,
    headers: { Location: "/inloggen?afgemeld=1", "Clear-Site-Data": clearSiteData(), "Cache-Control": "no-store", "Set-Cookie": expired },
  });
}
