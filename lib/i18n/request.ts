import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";

export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const LANG_COOKIE = "ldb.lang";

/** Dutch by default; English when the user chose it (cookie). No locale in URLs. */
export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LANG_COOKIE)?.value;
  const locale: Locale = chosen === "en" ? "en" : "nl";
  return { locale, messages: (await import(`./messages/${locale}.json`)).default };
});
