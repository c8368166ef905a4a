import type { SourceErrorKind } from "@/lib/sources/errors";
import { formatsFor } from "./format";
import type { Locale } from "./locale";
import { wordsFor } from "./server-words";

/** HH:MM:SS on the school's clock (Europe/Amsterdam, whatever the server's zone), in the reader's language. */
export function timeOfDay(at: number, locale: Locale): string {
  return formatsFor(locale).time(at, { seconds: true });
}

/** "field a" / "fields a, b": field paths only, never a value. */
export function fieldsText(paths: readonly string[], locale: Locale): string {
  return wordsFor(locale)("sourceError.fields", { count: paths.length, list: paths.length ? paths.join(", ") : "?" });
}

/** A person's record the Source sent but that failed validation, in the reader's language. */
export function unreadableRecordText(paths: readonly string[], locale: Locale): string {
  return wordsFor(locale)("sourceError.unreadableRecord", { fields: fieldsText(paths, locale) });
}

/**
 * The functional code a Source sent (21, or "0021" as stored) as four digits; undefined without
 * one, or when it is anything but digits: a Source's own words never reach the text.
 */
function codeText(statusCode: number | string | undefined): string | undefined {
  if (typeof statusCode === "number")
    return Number.isSafeInteger(statusCode) && statusCode >= 0 ? String(statusCode).padStart(4, "0") : undefined;
  if (typeof statusCode === "string" && /^\d{1,6}$/.test(statusCode)) return String(Number(statusCode)).padStart(4, "0");
  return undefined;
}

/**
 * A Source error in words: busy names the time of the next try (Europe/Amsterdam) when the Source
 * said when; a refusal read from a functional code names the code the Source sent (`statusCode`,
 * 22 or "0022"), and no code when it sent none. Which kinds name a code is the messages' choice
 * (sourceError.kind.*): other kinds are named by the HTTP status or by what happened, so their
 * words stay fixed whatever code came along (a 500 with 0099 is "a failure").
 */
export function sourceErrorText(kind: SourceErrorKind, locale: Locale, retryAt?: string, statusCode?: number | string): string {
  const words = wordsFor(locale);
  const at = kind === "busy" && retryAt ? Date.parse(retryAt) : NaN;
  if (!Number.isNaN(at)) return words("sourceError.busyUntil", { time: timeOfDay(at, locale) });
  return words(`sourceError.kind.${kind}`, { code: codeText(statusCode) ?? "none" });
}

/** Why a registry's answer cannot be used, in words; undefined for an answer about the person. */
export function registryProblemText(
  r: { status: string; statusCode?: string; retryAt?: string; unreadableFields?: readonly string[] },
  locale: Locale,
): string | undefined {
  if (r.status === "ok" || r.status === "unknown_user") return undefined;
  if (r.status === "unreadable") return unreadableRecordText(r.unreadableFields ?? [], locale);
  return sourceErrorText(r.status as SourceErrorKind, locale, r.retryAt, r.statusCode);
}
