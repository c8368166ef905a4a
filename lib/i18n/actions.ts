"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { localeOf } from "./locale";
import { LANG_COOKIE } from "./request";

/** Switches the interface language (a cookie: no personal data, no locale in URLs). */
export async function setLanguageAction(formData: FormData) {
  const lang = localeOf(formData.get("lang"));
  (await cookies()).set(LANG_COOKIE, lang, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 86_400 });
  const back = String(formData.get("back") ?? "/");
  redirect(back.startsWith("/") && !back.startsWith("//") ? back : "/");
}
