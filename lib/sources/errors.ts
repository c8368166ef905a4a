/**
 * Everything that can go wrong between the dashboard and a Source, as a closed set of kinds.
 * Messages are fixed texts per kind: they never carry a Source's free text, a URL with query
 * parameters or a person's identifier, so an error can be logged and shown safely.
 */
export type SourceErrorKind =
  | "scope_missing" // functional code 0021 at any HTTP status; a 401 with insufficient_scope
  | "token_invalid" // 401 without a code that says more (invalid_token), even after a fresh token
  | "consent_missing" // functional code 0022 at any HTTP status; a 403 without a code that says more
  | "school_unknown" // functional code 0023 at any HTTP status (400 in Edu-V's table; also a 404 that names it)
  | "request_rejected" // functional code 0011 or 0012 at any HTTP status; a 400 without a code that says more
  | "not_found" // 404 without a code that says more: the Source does not know the person (ERRATA 36)
  | "method_not_allowed" // 405: an Aanspraakmanager asked for usage
  | "server_error" // 5xx
  | "timeout"
  | "unreachable" // refused, reset, DNS, circuit open
  | "invalid_answer" // not JSON, not the documented shape
  | "too_large" // the answer passed the Source's maxAnswerBytes; not read
  | "busy" // 429, or 503 with Retry-After: come back later (retryAt)
  | "token_refused" // the authorization server said no (invalid_client, invalid_scope, ...)
  | "token_unavailable" // the authorization server failed (5xx): no token, so the data endpoint was not asked
  | "not_configured"; // the sources file does not allow this call

type Messages = { nl: string; en: string };

/** Fixed words per kind, without a code: the kinds in NAMES_CODE add the functional code the Source sent. */
const MESSAGES: Record<SourceErrorKind, Messages> = {
  scope_missing: { nl: "De bron geeft geen toegang: de benodigde scope ontbreekt.", en: "The Source refuses access: the required scope is missing." },
  token_invalid: { nl: "De bron accepteert het toegangstoken niet.", en: "The Source does not accept the access token." },
  consent_missing: { nl: "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst.", en: "Consent is missing at the Source for this school and API." },
  school_unknown: { nl: "De school is onbekend bij de bron.", en: "The school is unknown to the Source." },
  request_rejected: { nl: "De bron wees het verzoek af als onjuist.", en: "The Source rejected the request as incorrect." },
  not_found: { nl: "De bron kent deze gegevens niet.", en: "The Source does not know this data." },
  method_not_allowed: { nl: "Deze bron levert dit gegeven niet (405): het is geen Licentieregistratie.", en: "This Source does not provide this (405): it is not a Licentieregistratie." },
  server_error: { nl: "De bron meldt een storing.", en: "The Source reports a failure." },
  timeout: { nl: "De bron antwoordde niet op tijd.", en: "The Source did not answer in time." },
  unreachable: { nl: "De bron is niet bereikbaar.", en: "The Source cannot be reached." },
  invalid_answer: { nl: "De bron gaf een onleesbaar of onjuist antwoord.", en: "The Source gave an unreadable or malformed answer." },
  too_large: { nl: "De bron stuurde een te groot antwoord; het is niet gelezen.", en: "The Source sent an answer too large to read." },
  busy: { nl: "De bron is druk en vraagt later terug te komen.", en: "The Source is busy and asks to come back later." },
  token_refused: { nl: "De bron weigert een toegangstoken te geven.", en: "The Source refuses to issue an access token." },
  token_unavailable: { nl: "De bron kan nu geen toegangstoken geven: haar tokenserver meldt een storing.", en: "The Source cannot issue an access token now: its token server reports a failure." },
  not_configured: { nl: "Deze bron is niet ingesteld voor dit verzoek.", en: "This Source is not configured for this request." },
};

/**
 * The refusals a functional code speaks for: their message names the code the Source sent
 * ("… (0012)."), and none when it sent none. Other kinds are named by the HTTP status or by what
 * happened, so their words stay fixed whatever code came along (a 500 with 0099 is "a failure").
 */
const NAMES_CODE: ReadonlySet<SourceErrorKind> = new Set(["scope_missing", "consent_missing", "school_unknown", "request_rejected"]);

/** Edu-V functional status codes that carry a meaning of their own, whatever HTTP status brings them. */
const KIND_OF_CODE: ReadonlyMap<number, SourceErrorKind> = new Map([
  [11, "request_rejected"], // schema incorrect
  [12, "request_rejected"], // schemaVersion not supported
  [21, "scope_missing"], // scope required
  [22, "consent_missing"], // consent required
  [23, "school_unknown"], // edu_org_id unknown
]);

/**
 * Brands that `instanceof` checks: Next bundles each route (and instrumentation) with its own copy
 * of this module, while the Source client is made once per process and kept on globalThis, so an
 * error may come from another copy's class. Symbol.for is the same in every copy.
 */
const SOURCE_ERROR = Symbol.for("ldb.SourceError");
const SOURCE_REQUEST_ERROR = Symbol.for("ldb.SourceRequestError");
const branded = (value: unknown, brand: symbol) => typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;

export class SourceError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, SOURCE_ERROR);
  }
  readonly [SOURCE_ERROR] = true;
  override readonly name = "SourceError";
  readonly kind: SourceErrorKind;
  readonly sourceId: string;
  readonly httpStatus: number | undefined;
  /** Edu-V functional status code as received (21 means "0021"). */
  readonly statusCode: number | undefined;
  /** A short technical reason safe to log (an OAuth error code, an exception class); never a value from a record. */
  readonly detail: string | undefined;
  /**
   * The Source's own statusMessage, kept only for the one place where its words are the point: a
   * Provider's final refusal of a consent request, shown to the consent manager. Never logged.
   */
  readonly statusMessage: string | undefined;
  /** For `busy`: the earliest time (ISO 8601) the Source is asked again, when it said. */
  readonly retryAt: string | undefined;

  constructor(kind: SourceErrorKind, sourceId: string, opts: { httpStatus?: number; statusCode?: number; statusMessage?: string; detail?: string; retryAt?: number; cause?: unknown } = {}) {
    super(`${sourceId}: ${sourceErrorMessages(kind, opts.statusCode).en}`, { cause: opts.cause });
    this.kind = kind;
    this.sourceId = sourceId;
    this.httpStatus = opts.httpStatus;
    this.statusCode = opts.statusCode;
    this.detail = opts.detail;
    this.statusMessage = opts.statusMessage?.slice(0, 300);
    this.retryAt = opts.retryAt === undefined ? undefined : new Date(opts.retryAt).toISOString();
  }

  /** The kind's fixed words, naming the functional code received where the kind speaks for one. */
  get messages(): Messages {
    return sourceErrorMessages(this.kind, this.statusCode);
  }

  /** A plain object for logs and BFF answers. */
  toJSON() {
    return { kind: this.kind, sourceId: this.sourceId, httpStatus: this.httpStatus, statusCode: formatStatusCode(this.statusCode), detail: this.detail, retryAt: this.retryAt };
  }
}

/** Thrown before any call when the caller asked for something the spec does not allow. */
export class SourceRequestError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, SOURCE_REQUEST_ERROR);
  }
  readonly [SOURCE_REQUEST_ERROR] = true;
  override readonly name = "SourceRequestError";
  constructor(message: string) {
    super(message);
  }
}

export function formatStatusCode(code: number | undefined): string | undefined {
  return code === undefined ? undefined : String(code).padStart(4, "0");
}

/** Every kind, for reading a kind back from where it was stored as text. */
export const SOURCE_ERROR_KINDS: ReadonlySet<string> = new Set(Object.keys(MESSAGES));

/**
 * A kind's words. `statusCode` is the functional code the Source sent (21, or "0021" as stored):
 * a refusal read from a code names it; without one, no code is named. Only digits ever reach the
 * text, never a Source's own words.
 */
export function sourceErrorMessages(kind: SourceErrorKind, statusCode?: number | string): Messages {
  const words = MESSAGES[kind];
  const code = NAMES_CODE.has(kind) ? codeText(statusCode) : undefined;
  if (code === undefined) return words;
  const named = (text: string) => `${text.replace(/\.$/, "")} (${code}).`;
  return { nl: named(words.nl), en: named(words.en) };
}

function codeText(statusCode: number | string | undefined): string | undefined {
  if (typeof statusCode === "number") return Number.isSafeInteger(statusCode) && statusCode >= 0 ? formatStatusCode(statusCode) : undefined;
  if (typeof statusCode === "string" && /^\d{1,6}$/.test(statusCode)) return formatStatusCode(Number(statusCode));
  return undefined;
}

/**
 * Maps an HTTP error answer of a Source to a kind. A functional code with a meaning of its own
 * (0011, 0012, 0021, 0022, 0023) decides, whatever HTTP status carries it; without one (no code,
 * 0099, or a code Edu-V does not list) the HTTP status decides. `busy`: the answer asked to come
 * back later (429, or 503 with Retry-After).
 */
export function kindForHttpError(httpStatus: number, statusCode: number | undefined, wwwAuthenticate: string | null, opts: { busy?: boolean } = {}): SourceErrorKind {
  const byCode = statusCode === undefined ? undefined : KIND_OF_CODE.get(statusCode);
  if (byCode) return byCode;
  if (opts.busy || httpStatus === 429) return "busy";
  if (httpStatus === 401) return /insufficient_scope/i.test(wwwAuthenticate ?? "") ? "scope_missing" : "token_invalid";
  if (httpStatus === 403) return "consent_missing";
  if (httpStatus === 400) return "request_rejected";
  if (httpStatus === 404) return "not_found";
  if (httpStatus === 405) return "method_not_allowed";
  if (httpStatus === 408 || httpStatus === 504) return "timeout";
  if (httpStatus >= 500) return "server_error";
  return "invalid_answer";
}
