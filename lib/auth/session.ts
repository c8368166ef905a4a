import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getStore } from "@/lib/db/client";
import { loadSourcesConfig } from "@/lib/sources/config";
import { schoolRules } from "./grants";
import { authSettings } from "./settings";
import { staffForSession, type StaffSession } from "./staff";

/** The header a page's poll carries (components/lists/api.ts BACKGROUND_HEADER): checked, but not activity. */
const BACKGROUND_HEADER = "x-ldb-background";

/**
 * The signed-in staff member for this request, or null. Every page, route and action asks this.
 * A background request (a page left open polling) does not extend the session's idle time, so an
 * open page ends like any other; marking a request so can only shorten a session, never lengthen it.
 */
export const getStaff = cache(async (): Promise<StaffSession | null> => {
  const s = authSettings();
  const token = (await cookies()).get(s.sessionCookie)?.value;
  if (!token) return null;
  const background = (await headers()).get(BACKGROUND_HEADER) === "1";
  const { db } = await getStore();
  return staffForSession(db, token, schoolRules(loadSourcesConfig()), { ...s, slide: !background });
});
