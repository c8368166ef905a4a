import { SourceError, SourceRequestError, type SourceErrorKind } from "@/lib/sources/errors";
import { fieldsText, sourceErrorText, timeOfDay } from "@/lib/i18n/outcome-words";

/** Every BFF error answer has this shape; `message` is in the user's language, never a stack trace. */
export type ApiErrorBody = { error: { code: string; message: string; sourceId?: string; statusCode?: string; retryAt?: string; fields?: string[] } };

const GENERIC: Record<string, { status: number; nl: string; en: string }> = {
  unauthenticated: { status: 401, nl: "U bent niet (meer) aangemeld.", en: "You are not signed in (any more)." },
  forbidden: { status: 403, nl: "Uw rol geeft geen toegang tot deze gegevens voor deze school.", en: "Your role gives no access to this data for this school." },
  csrf: { status: 403, nl: "Verzoek geweigerd: het komt niet van het dashboard zelf.", en: "Request refused: it did not come from the dashboard itself." },
  not_found: { status: 404, nl: "Niet gevonden: deze persoon staat (nu) niet in de lijst van de bron voor deze school.", en: "Not found: this person is not (or no longer) in the Source's list for this school." },
  invalid_input: { status: 400, nl: "De invoer is onjuist.", en: "The input is invalid." },
  payload_too_large: { status: 413, nl: "Het verzoek is te groot; het is niet gelezen.", en: "The request is too large; it was not read." },
  internal: { status: 500, nl: "Er ging iets mis in het dashboard. Probeer het later opnieuw.", en: "Something went wrong in the dashboard. Please try again later." },
};

export type Lang = "nl" | "en";

/** The words of a generic error, for where they are shown without an error answer. */
export function apiMessage(code: keyof typeof GENERIC, lang: Lang): string {
  return GENERIC[code]![lang];
}

export function apiError(code: keyof typeof GENERIC, lang: Lang, detail?: string): Response {
  const g = GENERIC[code]!;
  const body: ApiErrorBody = { error: { code, message: detail ? `${g[lang]} ${detail}` : g[lang] } };
  return Response.json(body, { status: g.status, headers: { "Cache-Control": "no-store" } });
}

const TOO_MANY: Record<"rate_limited" | "coverage_running", Record<Lang, (time: string) => string>> = {
  rate_limited: {
    nl: (time) => `U heeft dit kort na elkaar te vaak gevraagd; probeer het opnieuw om ${time}.`,
    en: (time) => `You asked for this too often in a short time; try again at ${time}.`,
  },
  coverage_running: {
    nl: () => "U heeft al een dekkingsberekening lopen; start een nieuwe als die klaar of afgebroken is.",
    en: () => "You already have a coverage run going; start a new one when it has finished or was cancelled.",
  },
};

/**
 * 429 with Retry-After (whole seconds, at least 1) and, for a rate limit, the time of day in
 * Amsterdam at which the next try is allowed (also as `retryAt`).
 */
export function tooManyRequests(code: keyof typeof TOO_MANY, lang: Lang, retryAfterMs: number, now = Date.now()): Response {
  const retryAt = now + retryAfterMs;
  const body: ApiErrorBody = { error: { code, message: TOO_MANY[code][lang](timeOfDay(retryAt)), retryAt: new Date(retryAt).toISOString() } };
  return Response.json(body, { status: 429, headers: { "Cache-Control": "no-store", "Retry-After": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) } });
}

/** Every other kind is the Source's fault: 502. */
const SOURCE_ERROR_STATUS: Partial<Record<SourceErrorKind, number>> = { timeout: 504, not_found: 404, not_configured: 400, busy: 503 };

/**
 * A person's record the Source sent that failed validation: the Source's fault (502), and not
 * "not found". Names the failing field paths, never a value.
 */
export class UnreadableRecordError extends Error {
  override readonly name = "UnreadableRecordError";
  constructor(readonly sourceId: string, readonly fields: readonly string[]) {
    super(`${sourceId}: the person's record could not be read`);
  }
}

const UNREADABLE_RECORD: Record<Lang, (fields: string) => string> = {
  nl: (fields) => `De bron stuurde het record van deze persoon, maar het kon niet worden gelezen: ${fields}. De persoon staat wel in de lijst van de bron; de bron moet het record herstellen.`,
  en: (fields) => `The Source sent this person's record, but it could not be read: ${fields}. The person is in the Source's list; the Source must repair the record.`,
};

/** Source errors keep their kind as a stable code; the HTTP status says whose fault it is. */
export function toErrorResponse(err: unknown, lang: Lang, now = Date.now()): Response {
  if (err instanceof SourceRequestError) return apiError("invalid_input", lang, err.message);
  if (err instanceof UnreadableRecordError) {
    const body: ApiErrorBody = { error: { code: "unreadable_record", message: UNREADABLE_RECORD[lang](fieldsText(err.fields, lang)), sourceId: err.sourceId, fields: [...err.fields] } };
    return Response.json(body, { status: 502, headers: { "Cache-Control": "no-store" } });
  }
  if (err instanceof SourceError) {
    const status = SOURCE_ERROR_STATUS[err.kind] ?? 502;
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    const retryAt = err.kind === "busy" && err.retryAt ? Date.parse(err.retryAt) : undefined;
    const message = sourceErrorText(err.kind, lang, err.retryAt, err.statusCode);
    if (retryAt !== undefined) headers["Retry-After"] = String(Math.max(1, Math.ceil((retryAt - now) / 1000)));
    const body: ApiErrorBody = { error: { code: err.kind, message, sourceId: err.sourceId, statusCode: err.toJSON().statusCode, retryAt: retryAt !== undefined ? err.retryAt : undefined } };
    return Response.json(body, { status, headers });
  }
  return apiError("internal", lang);
}
