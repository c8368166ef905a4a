import { sourceErrorMessages, type SourceErrorKind } from "../sources/errors";

type Lang = "nl" | "en";

// The school's clock, whatever the server's time zone.
const TIME_OF_DAY = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

/** HH:MM:SS in Europe/Amsterdam. */
export function timeOfDay(at: number): string {
  return TIME_OF_DAY.format(at);
}

const BUSY_UNTIL: Record<Lang, (time: string) => string> = {
  nl: (time) => `De bron is druk; volgende poging om ${time}.`,
  en: (time) => `The Source is busy; next try at ${time}.`,
};

/** "field a" / "fields a, b": field paths only, never a value. */
export function fieldsText(paths: readonly string[], lang: Lang): string {
  const list = paths.length ? paths.join(", ") : "?";
  if (lang === "en") return `${paths.length > 1 ? "fields" : "field"} ${list}`;
  return `${paths.length > 1 ? "velden" : "veld"} ${list}`;
}

const UNREADABLE: Record<Lang, (fields: string) => string> = {
  nl: (fields) => `De bron stuurde het record van deze persoon, maar het kon niet worden gelezen: ${fields}.`,
  en: (fields) => `The Source sent this person's record, but it could not be read: ${fields}.`,
};

/** A person's record the Source sent but that failed validation, in the reader's language. */
export function unreadableRecordText(paths: readonly string[], lang: Lang): string {
  return UNREADABLE[lang](fieldsText(paths, lang));
}

/**
 * A Source error in words: busy names the time of the next try (Europe/Amsterdam) when the Source
 * said when; a refusal read from a functional code names the code the Source sent (`statusCode`,
 * 22 or "0022"), and no code when it sent none.
 */
export function sourceErrorText(kind: SourceErrorKind, lang: Lang, retryAt?: string, statusCode?: number | string): string {
  const at = kind === "busy" && retryAt ? Date.parse(retryAt) : NaN;
  if (!Number.isNaN(at)) return BUSY_UNTIL[lang](timeOfDay(at));
  return sourceErrorMessages(kind, statusCode)[lang];
}

/** Why a registry's answer cannot be used, in words; undefined for an answer about the person. */
export function registryProblemText(r: { status: string; statusCode?: string; retryAt?: string; unreadableFields?: readonly string[] }, lang: Lang): string | undefined {
  if (r.status === "ok" || r.status === "unknown_user") return undefined;
  if (r.status === "unreadable") return unreadableRecordText(r.unreadableFields ?? [], lang);
  return sourceErrorText(r.status as SourceErrorKind, lang, r.retryAt, r.statusCode);
}
