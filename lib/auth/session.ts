import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { getStore } from "@/lib/db/client";
import { loadSourcesConfig } from "@/lib/sources/config";
import { schoolRules } from "./grants";
import { authSettings } from "./settings";
import { staffForSession, type StaffSession } from "./staff";

/** The signed-in staff member for this request, or null. Every page, route and action asks this. */
export const getStaff = cache(async (): Promise<StaffSession | null> => {
  const s = authSettings();
  const token = (await cookies()).get(s.sessionCookie)?.value;
  if (!token) return null;
  const { db } = await getStore();
  return staffForSession(db, token, schoolRules(loadSourcesConfig()), s);
});
