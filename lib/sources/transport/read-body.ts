/**
 * Reading a Source's answer without trusting its size. A Source nobody here wrote may send any
 * number of bytes; `res.text()` would hold all of them in memory before we could say no.
 */
import { SourceError } from "../errors";

/** Caps of the sources file's `maxAnswerBytes`. */
export const DEFAULT_MAX_ANSWER_BYTES = 64 * 1024 * 1024;
export const MIN_MAX_ANSWER_BYTES = 1024;
export const MAX_MAX_ANSWER_BYTES = 1024 * 1024 * 1024;
/** Only the StatusResponse (or OAuth error) of an error answer is read; a few lines of JSON. */
export const ERROR_ANSWER_CAP = 64 * 1024;
/** A token answer is a handful of fields; a megabyte is already generous. */
export const TOKEN_ANSWER_CAP = 1024 * 1024;

/** The answer passed `limit` bytes (announced or counted); the connection was dropped. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
  constructor(readonly limit: number) {
    super(`answer larger than ${limit} bytes`);
  }
}

export type Body = { text: string; bytes: number };

/**
 * The answer's (or a request's) body as UTF-8 text, read as a stream and given up (reader cancelled, which makes
 * fetch drop the connection) as soon as it passes `limit` bytes. Chunks are decoded once at the
 * end: decoding per chunk would need a streaming decoder and be slower than `res.text()`.
 * Other read failures (reset, the request's timeout signal) are passed on as they come.
 */
export async function readBody(res: Pick<Response, "headers" | "body">, limit: number): Promise<Body> {
  const announced = contentLength(res);
  if (announced !== undefined && announced > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limit);
  }
  if (!res.body) return { text: "", bytes: 0 };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return { text: decode(chunks, bytes), bytes };
}

/**
 * Like `readBody`, for an error answer: an oversized body is dropped rather than failing the call,
 * because the HTTP status alone still says what went wrong.
 */
export async function readErrorBody(res: Response, limit = ERROR_ANSWER_CAP): Promise<Body> {
  try {
    return await readBody(res, limit);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return { text: "", bytes: 0 };
    throw err;
  }
}

/** The declared Content-Length, when it is a plain number (a Request's or a Response's). */
export function contentLength(res: Pick<Response, "headers">): number | undefined {
  const value = res.headers.get("content-length");
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

// Not fatal and stripping a BOM, like res.text().
const decoder = new TextDecoder("utf-8");

function decode(chunks: Uint8Array[], bytes: number): string {
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return decoder.decode(all);
}

export type SourceRead = {
  sourceId: string;
  /** What is being read, for `detail`: an operation id or "token answer"; never a URL. */
  what: string;
  limit: number;
  timeoutMs: number;
  /** An error answer: its body is only worth a StatusResponse, so an oversized one is dropped. */
  error?: boolean;
};

/** `readBody` with its failures as SourceErrors: too_large, or timeout/unreachable when the body broke off. */
export async function readSourceBody(res: Response, read: SourceRead): Promise<Body> {
  try {
    return await (read.error ? readErrorBody(res, Math.min(read.limit, ERROR_ANSWER_CAP)) : readBody(res, read.limit));
  } catch (err) {
    if (err instanceof BodyTooLargeError)
      throw new SourceError("too_large", read.sourceId, {
        httpStatus: res.status,
        detail: `${read.what} over ${err.limit} bytes`,
        cause: err,
      });
    const timedOut = err instanceof DOMException && err.name === "TimeoutError";
    throw new SourceError(timedOut ? "timeout" : "unreachable", read.sourceId, {
      detail: `${read.what} body after ${read.timeoutMs}ms budget`,
      cause: err,
    });
  }
}
