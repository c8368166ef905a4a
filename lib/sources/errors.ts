/**
 * Everything that can go wrong between the dashboard and a Source, as a closed set of kinds. A kind
 * is a code, never words: whoever shows one asks lib/i18n (sourceErrorText), whose fixed texts per
 * kind never carry a Source's free text, a URL with query parameters or a person's identifier, so
 * an error can be logged and shown safely.
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

/** Every kind once: the set below is read from it, so a new kind cannot be left out. */
const KINDS: Record<SourceErrorKind, true> = {
  scope_missing: true,
  token_invalid: true,
  consent_missing: true,
  school_unknown: true,
  request_rejected: true,
  not_found: true,
  method_not_allowed: true,
  server_error: true,
  timeout: true,
  unreachable: true,
  invalid_answer: true,
  too_large: true,
  busy: true,
  token_refused: true,
  token_unavailable: true,
  not_configured: true,
};

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
 * of this module, while the Source client is made once per process (lib/process-state.ts), so an
 * error may come from another copy's class. Symbol.for is the same in every copy.
 */
const SOURCE_ERROR = Symbol.for("ldb.SourceError");
const SOURCE_REQUEST_ERROR = Symbol.for("ldb.SourceRequestError");
const branded = (value: unknown, brand: symbol) =>
  typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;

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

  constructor(
    kind: SourceErrorKind,
    sourceId: string,
    opts: { httpStatus?: number; statusCode?: number; statusMessage?: string; detail?: string; retryAt?: number; cause?: unknown } = {},
  ) {
    // Codes only, for a developer: the kind and the functional code received, never a Source's words.
    const code = formatStatusCode(opts.statusCode);
    super(`${sourceId}: ${kind}${code === undefined ? "" : ` (${code})`}`, { cause: opts.cause });
    this.kind = kind;
    this.sourceId = sourceId;
    this.httpStatus = opts.httpStatus;
    this.statusCode = opts.statusCode;
    this.detail = opts.detail;
    this.statusMessage = opts.statusMessage?.slice(0, 300);
    this.retryAt = opts.retryAt === undefined ? undefined : new Date(opts.retryAt).toISOString();
  }

  /** A plain object for logs and BFF answers. */
  toJSON() {
    return {
      kind: this.kind,
      sourceId: this.sourceId,
      httpStatus: this.httpStatus,
      statusCode: formatStatusCode(this.statusCode),
      detail: this.detail,
      retryAt: this.retryAt,
    };
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

/**
 * A person's record the Source sent that failed validation: the Source's fault (502 at the BFF),
 * and not "not found". Names the failing field paths, never a value.
 */
export class UnreadableRecordError extends Error {
  override readonly name = "UnreadableRecordError";
  constructor(
    readonly sourceId: string,
    readonly fields: readonly string[],
  ) {
    super(`${sourceId}: unreadable_record`);
  }
}

export function formatStatusCode(code: number | undefined): string | undefined {
  return code === undefined ? undefined : String(code).padStart(4, "0");
}

/** Every kind, for reading a kind back from where it was stored as text. */
export const SOURCE_ERROR_KINDS: ReadonlySet<string> = new Set(Object.keys(KINDS));

/**
 * Maps an HTTP error answer of a Source to a kind. A functional code with a meaning of its own
 * (0011, 0012, 0021, 0022, 0023) decides, whatever HTTP status carries it; without one (no code,
 * 0099, or a code Edu-V does not list) the HTTP status decides. `busy`: the answer asked to come
 * back later (429, or 503 with Retry-After).
 */
export function kindForHttpError(
  httpStatus: number,
  statusCode: number | undefined,
  wwwAuthenticate: string | null,
  opts: { busy?: boolean } = {},
): SourceErrorKind {
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
