import type { z } from "zod";

/** What a route answers when it is not JSON: a file to download (CSV, Markdown) or a stream of JSON lines. */
export type FileAnswer = "text/csv" | "text/markdown" | "application/x-ndjson";

type Endpoint<Q, B> = {
  method: "GET" | "POST";
  path: `/api/${string}`;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
};

/** An endpoint that answers JSON: `response` is that JSON, checked under test. */
export type JsonContract<Q = unknown, B = unknown, R = unknown> = Endpoint<Q, B> & { response: z.ZodType<R>; file?: never };
/** An endpoint that answers a file or a stream: no `response`, the kind of answer instead (an NDJSON stream's lines have a schema of their own). */
export type FileContract<Q = unknown, B = unknown> = Endpoint<Q, B> & { file: FileAnswer; response?: never };

/**
 * One BFF endpoint as the browser and the route both see it: method, path, the query or body the
 * route accepts and the JSON it answers (or, for a file or a stream, what kind it is). The route
 * parses its input with `query`/`body` and, under test (`LDB_CHECK_ANSWERS=1`), checks every JSON
 * answer against `response` (lib/api/route.ts); the browser takes its types from the same schemas.
 * Contracts import nothing but zod: the browser reads them too.
 */
export type Contract<Q = unknown, B = unknown, R = unknown> = JsonContract<Q, B, R> | FileContract<Q, B>;

export function contract<Q = Record<string, never>, B = undefined, R = unknown>(c: JsonContract<Q, B, R>): JsonContract<Q, B, R>;
export function contract<Q = Record<string, never>, B = undefined>(c: FileContract<Q, B>): FileContract<Q, B>;
export function contract(c: Contract): Contract {
  return c;
}

/** The JSON an endpoint answers, as the browser receives it. */
export type ResponseOf<C> = C extends JsonContract<unknown, unknown, infer R> ? R : never;
/** What a contract's route parses from a request (defaults applied). */
export type BodyOf<C> = C extends { body?: z.ZodType<infer B> } ? B : never;
export type QueryOf<C> = C extends { query?: z.ZodType<infer Q> } ? Q : never;
