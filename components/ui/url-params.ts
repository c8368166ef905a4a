/**
 * How the filters of a list are read from the page's query parameters, without a validation
 * library in the browser (zod would add 18 kB gzip to every list page): one reader per parameter,
 * taking the URL's text (or null when absent) and giving the value, or undefined when the text is
 * not one it accepts.
 */
export type Param<O> = (text: string | null) => O;
export type ParamSpec = Record<string, Param<unknown>>;
/** The values a spec reads from the URL. */
export type UrlValues<S extends ParamSpec> = { [K in keyof S]: ReturnType<S[K]> };

/** Any text up to `max` characters (a period, an offering, a provider id). */
export function text(max = 200): Param<string | undefined> {
  return (t) => (t && t.length <= max ? t : undefined);
}

/** One of the given values. */
export function oneOf<T extends string>(values: readonly T[]): Param<T | undefined> {
  return (t) => (t !== null && (values as readonly string[]).includes(t) ? (t as T) : undefined);
}

/** Text matching `pattern` (anchored by the caller: /^\d{1,2}$/). */
export function matching(pattern: RegExp): Param<string | undefined> {
  return (t) => (t !== null && pattern.test(t) ? t : undefined);
}

/** A reader with a value when the URL has none (or one it does not accept). */
export function withDefault<T>(param: Param<T | undefined>, fallback: T): Param<T> {
  return (t) => param(t) ?? fallback;
}

/** The text as written to the URL when the reader accepts it as it is; undefined otherwise. */
export function accepted(param: Param<unknown>, t: string | null | undefined): string | undefined {
  if (!t) return undefined;
  return param(t) === t ? t : undefined;
}

/**
 * A page's query parameters (as a server component gets them) read as the spec's readers read the
 * URL in the browser: the first of repeated values, a value a reader refuses counts as absent (or its
 * default), a parameter the spec does not name is not read.
 */
export function readUrlParams<S extends ParamSpec>(spec: S, params: Record<string, string | string[] | undefined>): UrlValues<S> {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;
  return Object.fromEntries(Object.keys(spec).map((k) => [k, spec[k]!(accepted(spec[k]!, one(params[k])) ?? null)])) as UrlValues<S>;
}
