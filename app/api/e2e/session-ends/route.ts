import { eq } from "drizzle-orm";
import { sessions } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { e2eResetAllowed } from "@/lib/env/production";
import { readCookie } from "@/lib/api/route";
import { authSettings } from "@/lib/auth/settings";

export const dynamic = "force-dynamic";

/**
 * POST /api/e2e/session-ends?in=<seconds> – the browser tests' stand-in for the idle time passing: the
 * calling session's idle end is set that many seconds from now (1–120), as if it had been idle for the
 * rest of its 30 minutes. A page that keeps the session alive with its background polls would push
 * it forward again; one that does not is signed out when it ends. Exists only with LDB_E2E=1 outside
 * production (as /api/e2e/reset); otherwise 404.
 */
export async function POST(request: Request) {
  if (!e2eResetAllowed()) return new Response(null, { status: 404 });
  const seconds = Number(new URL(request.url).searchParams.get("in"));
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 120) return Response.json({ error: "in: 1-120 seconds" }, { status: 400 });
  const token = readCookie(request, authSettings().sessionCookie);
  if (!token) return Response.json({ error: "no session" }, { status: 400 });
  const { db } = await getStore();
  const ended = await db
    .update(sessions)
    .set({ expires: new Date(Date.now() + seconds * 1000) })
    .where(eq(sessions.sessionToken, token))
    .returning();
  return Response.json({ sessions: ended.length }, { headers: { "Cache-Control": "no-store" } });
}
