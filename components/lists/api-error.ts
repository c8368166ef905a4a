import type { ApiErrorBody } from "@/lib/contracts/errors";

type ApiErrorFields = ApiErrorBody["error"];

const API_ERROR = Symbol.for("ldb.ApiError");

/**
 * A BFF error as the browser got it: the stable `code` (a Source error kind, a generic error, or
 * "network" / "http_<status>" when no error body came back), the HTTP `status` (0 without an answer)
 * and the server's `message`, already in the user's language and shown as it is.
 */
export class ApiError extends Error {
  readonly [API_ERROR] = true;
  override readonly name = "ApiError";
  readonly code: string;
  readonly status: number;
  readonly sourceId?: string;
  readonly statusCode?: string;
  readonly retryAt?: string;
  readonly fields?: readonly string[];

  constructor(status: number, error: ApiErrorFields) {
    super(error.message);
    this.status = status;
    this.code = error.code;
    this.sourceId = error.sourceId;
    this.statusCode = error.statusCode;
    this.retryAt = error.retryAt;
    this.fields = error.fields;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return (
    value instanceof ApiError || (typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[API_ERROR] === true)
  );
}

const text = (v: unknown) => (typeof v === "string" ? v : undefined);

/** The ApiError an error answer's body describes; `http_<status>` when the body is not the BFF's error shape. */
export function apiErrorOf(status: number, body: unknown): ApiError {
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
  const code = text(error?.code);
  const message = text(error?.message);
  if (!code || message === undefined) return new ApiError(status, { code: `http_${status}`, message: `HTTP ${status}` });
  const fields = Array.isArray(error?.fields) ? error.fields.filter((f): f is string => typeof f === "string") : undefined;
  return new ApiError(status, {
    code,
    message,
    sourceId: text(error?.sourceId),
    statusCode: text(error?.statusCode),
    retryAt: text(error?.retryAt),
    fields,
  });
}

/** No answer at all (offline, DNS, connection reset): code "network", status 0. */
export function networkError(err: unknown): ApiError {
  return new ApiError(0, { code: "network", message: err instanceof Error ? err.message : String(err) });
}
