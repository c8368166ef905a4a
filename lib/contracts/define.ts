import type { z } from "zod";

/**
 * One BFF endpoint as the browser and the route both see it: method, path, the query or body the
 * route accepts and the JSON it answers. The route parses its input with `query`/`body` and, under
 * test (`LDB_CHECK_ANSWERS=1`), checks every JSON answer against `response` (lib/api/route.ts); the
 * browser takes its types from the same schemas. Contracts import nothing but zod: the browser
 * reads them too.
 */
export type Contract<Q = unknown, B = unknown, R = unknown> = {
  method: "GET" | "POST";
  path: `/api/${string}`;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response: z.ZodType<R>;
};

export function contract<Q = Record<string, never>, B = undefined, R = unknown>(c: Contract<Q, B, R>): Contract<Q, B, R> {
  return c;
}

/** The JSON an endpoint answers, as the browser receives it. */
export type ResponseOf<C> = C extends Contract<unknown, unknown, infer R> ? R : never;
