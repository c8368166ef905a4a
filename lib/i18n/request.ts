import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { localeOf, type Locale } from "./locale";

export const LANG_COOKIE = "ldb.lang";

/** Dutch by default; English when the user chose it (cookie). No locale in URLs. */
export default getRequestConfig(async () => {
  const locale: Locale = localeOf((await cookies()).get(LANG_COOKIE)?.value);
  return { locale, messages: (await import(`./messages/${locale}.json`)).default };
});
