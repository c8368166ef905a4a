import { SourceError, SourceRequestError, UnreadableRecordError, type SourceErrorKind } from "@/lib/sources/errors";
import type { Locale } from "@/lib/i18n/locale";
import { fieldsText, sourceErrorText, timeOfDay } from "@/lib/i18n/outcome-words";
import { wordsFor } from "@/lib/i18n/server-words";
import type { ApiErrorBody } from "@/lib/contracts/errors";
import { MassChangeWithheldError } from "@/lib/features/mass-change/withheld";

/** Every BFF error answer has this shape (lib/contracts/errors.ts); `message` is in the user's language, never a stack trace. */
export type { ApiErrorBody };

/** The generic errors and their HTTP status; their words are apiError.generic.* in lib/i18n/messages. */
const GENERIC = {
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  invalid_input: 400,
  payload_too_large: 413,
  internal: 500,
  // What was asked for is not there in this state (the route's `detail` says which state is missing).
  conflict: 409,
} as const;

export type GenericError = keyof typeof GENERIC;

/** The words of a generic error, for where they are shown without an error answer. */
export function apiMessage(code: GenericError, locale: Locale): string {
  return wordsFor(locale)(`apiError.generic.${code}`);
}

export function apiError(code: GenericError, locale: Locale, detail?: string): Response {
  const words = apiMessage(code, locale);
  const body: ApiErrorBody = { error: { code, message: detail ? `${words} ${detail}` : words } };
  return Response.json(body, { status: GENERIC[code], headers: { "Cache-Control": "no-store" } });
}

/**
 * 429 with Retry-After (whole seconds, at least 1) and, for a rate limit, the time of day in
 * Amsterdam at which the next try is allowed (also as `retryAt`).
 */
export function tooManyRequests(
  code: "rate_limited" | "coverage_running",
  locale: Locale,
  retryAfterMs: number,
  now = Date.now(),
): Response {
  const retryAt = now + retryAfterMs;
  const body: ApiErrorBody = {
    error: {
      code,
      message: wordsFor(locale)(`apiError.tooMany.${code}`, { time: timeOfDay(retryAt, locale) }),
      retryAt: new Date(retryAt).toISOString(),
    },
  };
  return Response.json(body, {
    status: 429,
    headers: { "Cache-Control": "no-store", "Retry-After": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  });
}

/** Every other kind is the Source's fault: 502. */
const SOURCE_ERROR_STATUS: Partial<Record<SourceErrorKind, number>> = { timeout: 504, not_found: 404, not_configured: 400, busy: 503 };

// Thrown by features (lib/sources/errors.ts, where they may import it), answered here as 502.
export { UnreadableRecordError };

/**
 * An error that is an answer, not the dashboard's own failure: a Source's, a request the Source
 * refused, an unreadable record, a conclusion withheld for review. toErrorResponse says each in
 * words; anything else is logged (by its class only) as an internal error.
 */
export function isAnsweredError(err: unknown): boolean {
  return (
    err instanceof SourceError ||
    err instanceof SourceRequestError ||
    err instanceof UnreadableRecordError ||
    err instanceof MassChangeWithheldError
  );
}

/** Source errors keep their kind as a stable code; the HTTP status says whose fault it is. */
export function toErrorResponse(err: unknown, lang: Locale, now = Date.now()): Response {
  if (err instanceof SourceRequestError) return apiError("invalid_input", lang, err.message);
  // A conclusion withheld while a mass change of the LAS lists waits for review: not there in this state.
  if (err instanceof MassChangeWithheldError) return apiError("conflict", lang, wordsFor(lang)("massChange.withheld"));
  if (err instanceof UnreadableRecordError) {
    const body: ApiErrorBody = {
      error: {
        code: "unreadable_record",
        message: wordsFor(lang)("apiError.unreadableRecord", { fields: fieldsText(err.fields, lang) }),
        sourceId: err.sourceId,
        fields: [...err.fields],
      },
    };
    return Response.json(body, { status: 502, headers: { "Cache-Control": "no-store" } });
  }
  if (err instanceof SourceError) {
    const status = SOURCE_ERROR_STATUS[err.kind] ?? 502;
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    const retryAt = err.kind === "busy" && err.retryAt ? Date.parse(err.retryAt) : undefined;
    const message = sourceErrorText(err.kind, lang, err.retryAt, err.statusCode);
    if (retryAt !== undefined) headers["Retry-After"] = String(Math.max(1, Math.ceil((retryAt - now) / 1000)));
    const body: ApiErrorBody = {
      error: {
        code: err.kind,
        message,
        sourceId: err.sourceId,
        statusCode: err.toJSON().statusCode,
        retryAt: retryAt !== undefined ? err.retryAt : undefined,
      },
    };
    return Response.json(body, { status, headers });
  }
  return apiError("internal", lang);
}
