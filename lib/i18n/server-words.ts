import "server-only";
import { createTranslator } from "next-intl";
import en from "./messages/en.json";
import nl from "./messages/nl.json";
import type { Locale } from "./locale";

/**
 * The words of the server's own answers (BFF error bodies, documents, texts for a ticket), from
 * the same messages as the pages, outside a request: next-intl's translator over the JSON files.
 * English is typed as Dutch: a key missing from en.json does not compile.
 */
export type Messages = typeof nl;
const MESSAGES: Record<Locale, Messages> = { nl, en };

const make = (locale: Locale) => createTranslator({ locale, messages: MESSAGES[locale], timeZone: "Europe/Amsterdam" });
export type Words = ReturnType<typeof make>;

// One translator per language for the process: it keeps the parsed messages.
const translators = new Map<Locale, Words>();

/** The translator for a language: `wordsFor("nl")("apiError.generic.csrf")`. */
export function wordsFor(locale: Locale): Words {
  let words = translators.get(locale);
  if (!words) translators.set(locale, (words = make(locale)));
  return words;
}
