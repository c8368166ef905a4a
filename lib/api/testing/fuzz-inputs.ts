import fc from "fast-check";
import { weird } from "./fuzz-sources";

/** The fuzz's inputs (lib/api/fuzz-routes.test.ts): keys, bodies like a route's template, and raw bodies that are no JSON object. */
const MADE_UP_KEY = "0123456789abcdef0123456789abcdef";

/** A real key 3 times in 4, a made-up one (well-formed, or not) otherwise. */
export const keyOf = (real: readonly string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...real), weight: 3 },
    { arbitrary: fc.oneof(fc.constant(MADE_UP_KEY), fc.stringMatching(/^[0-9a-f]{32}$/), fc.string({ maxLength: 40 })), weight: 1 },
  );

/** A value like the template's, or anything at all. */
export const mutate = (fields: Record<string, fc.Arbitrary<unknown>>) => {
  const names = Object.keys(fields);
  return fc.oneof(
    { arbitrary: fc.record(fields), weight: 4 },
    fc
      .tuple(
        fc.record(fields),
        fc.subarray(names),
        fc.dictionary(fc.oneof(fc.constantFrom(...names, "__proto__", "constructor", "school"), fc.string({ maxLength: 6 })), weird, {
          maxKeys: 3,
        }),
      )
      .map(([template, keep, extra]) => ({ ...Object.fromEntries(keep.map((k) => [k, template[k]])), ...extra })),
    fc.dictionary(fc.string({ maxLength: 10 }), weird, { maxKeys: 5 }),
  );
};

export const rawBody = fc.oneof(
  fc.constant("{"),
  fc.constant(""),
  fc.constant("null"),
  fc.constant("[]"),
  fc.string({ maxLength: 50 }),
  fc.constant(`{"a":${"[".repeat(5000)}`),
  fc.constant('{"q":"\\ud800"}'),
);
