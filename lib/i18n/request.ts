import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { SCHOOL_TIME_ZONE } from "./format";
import { localeOf, type Locale } from "./locale";

export const LANG_COOKIE = "ldb.lang";

/**
 * Dutch by default; English when the user chose it (cookie). No locale in URLs. The school's clock
 * for anything next-intl formats itself (the browser's provider inherits it); the pages format
 * numbers, days and times with lib/i18n/format.ts.
 */
export default getRequestConfig(async () => {
  const locale: Locale = localeOf((await cookies()).get(LANG_COOKIE)?.value);
  return { locale, timeZone: SCHOOL_TIME_ZONE, messages: (await import(`./messages/${locale}.json`)).default };
});
