/** The interface's languages: Dutch first (the default), then English. No locale in URLs: a cookie chooses. */
export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Any value read from outside (a cookie, a form field, next-intl's locale): English when it says so, else Dutch. */
export function localeOf(value: unknown): Locale {
  return value === "en" ? "en" : "nl";
}

const INTL_LOCALE: Record<Locale, string> = { nl: "nl-NL", en: "en-GB" };

/** The locale Intl formats numbers, dates and times with ("nl-NL", "en-GB"). */
export function intlLocaleOf(locale: Locale): string {
  return INTL_LOCALE[locale];
}
