import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { sessions } from "@/lib/db/auth-schema";

/**
 * What the sign-out answer asks the browser to clear (Clear-Site-Data): its HTTP cache and its
 * storage (local and session storage, IndexedDB, Cache Storage, service workers), so no person's
 * data is left behind on a shared machine; and, unless LDB_SIGN_OUT_CLEAR_COOKIES=0, every cookie
 * of the site. Browsers clear cookies for the whole registrable domain (school.example and all its
 * subdomains): a dashboard that shares its domain with other applications turns that part off
 * and leaves its own cookies to the sign-out itself.
 */
export function clearSiteData(env: Record<string, string | undefined> = process.env): string {
  const types = ['"cache"', '"storage"'];
  if (env.LDB_SIGN_OUT_CLEAR_COOKIES !== "0") types.push('"cookies"');
  return types.join(", ");
}

/**
 * A sign-out is a plain form POST (no custom header is possible without script), so it must come
 * from our own pages: a cross-site page cannot sign a user out (forced logout). Browsers send
 * Origin on every POST and Sec-Fetch-Site where they support it.
 */
export function sameOriginPost(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return false;
  const origin = request.headers.get("origin");
  return !origin || origin === new URL(request.url).origin;
}

/** Ends the session on the server: the row goes, so a copy of the cookie is worth nothing. */
export async function endSession(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.delete(sessions).where(eq(sessions.sessionToken, token));
}
