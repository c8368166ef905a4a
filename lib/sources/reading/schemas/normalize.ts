import type { z } from "zod";

/**
 * The reading rules of lenient mode, in one place (ERRATA "Reading rules"):
 * - `null` on any field, and `""` or `[]` on an optional field, is read as absent;
 * - an identifier item (`userIds[]`, `organisationIds[]`, `locationIds[]`) whose identifier is `""`
 *   identifies nobody and is left out of its list (an emptied list is then absent);
 * - an RFC 3339 date-time with a lower-case `t`/`z` or a space for the `T` is recased;
 * - an integer sent as a string of digits (`"12"`) is read as the number.
 * What else a record may carry (unknown fields, unknown enum values, any fraction of a second) the
 * lenient schemas accept as they are. A record is first scanned (scan.ts: generated from the plan
 * below, no copy, first hit ends it); only one that needs the rules is copied and normalised, so
 * clean answers pay only the scan.
 */

/**
 * Marks on the schema objects themselves, under registry symbols: a bundler may load this module
 * more than once (Next builds each layer apart), and a module-level WeakSet filled by one copy is
 * empty in the other, while the schema object and Symbol.for are shared.
 */
const DATE_TIME = Symbol.for("ldb.reading.dateTime");
const ID_KEY = Symbol.for("ldb.reading.identifierKey");
const REFINES_ONLY = Symbol.for("ldb.reading.refinesOnly");
const DIGITS = Symbol.for("ldb.reading.digits");
type Marked = { [DATE_TIME]?: true; [ID_KEY]?: string; [REFINES_ONLY]?: true; [DIGITS]?: true };

export function markDateTime<T extends z.ZodType>(schema: T): T {
  (schema as unknown as Marked)[DATE_TIME] = true;
  return schema;
}

/** An integer ("Geheel getal") that lenient reading also takes as a string of digits (`"12"` is 12), counted. */
export function markDigits<T extends z.ZodType>(schema: T): T {
  (schema as unknown as Marked)[DIGITS] = true;
  return schema;
}

/** A string of at most 15 digits: an integer in quotes (longer would not stay exact as a number). */
export const DIGITS_PATTERN = /^\d{1,15}$/;

export function markIdentifierItem<T extends z.ZodType>(schema: T, idKey: string): T {
  (schema as unknown as Marked)[ID_KEY] = idKey;
  return schema;
}

/**
 * The refinements on `schema` (`.superRefine`) only add issues and never replace the value, so
 * what zod returns for it is what came in (scan.ts `returnsItsInput`); zod cannot tell from the
 * function, the one who wrote it can.
 */
export function markRefinesOnly<T extends z.ZodType>(schema: T): T {
  (schema as unknown as Marked)[REFINES_ONLY] = true;
  return schema;
}

export const refinesOnly = (s: z.ZodType) => (s as unknown as Marked)[REFINES_ONLY] === true;
const isDateTime = (s: z.ZodType) => (s as unknown as Marked)[DATE_TIME] === true;
const isDigits = (s: z.ZodType) => (s as unknown as Marked)[DIGITS] === true;
const identifierKeyOf = (s: z.ZodType) => (s as unknown as Marked)[ID_KEY];

export type Field = { key: string; optional: boolean; dateTime: boolean; digits: boolean; plan: Plan | undefined };
export type Plan = { kind: "object"; fields: Field[] } | { kind: "array"; item: Plan | undefined; idKey: string | undefined };

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

const plans = new WeakMap<object, Plan | undefined>();

/** How to normalise values of `schema`: derived once from the zod definition (one source of truth). */
export function planOf(schema: z.ZodType): Plan | undefined {
  if (plans.has(schema)) return plans.get(schema);
  plans.set(schema, undefined); // guards against recursive schemas
  let plan: Plan | undefined;
  const def = defOf(schema);
  if (def.type === "object" && def.shape) {
    const fields: Field[] = [];
    for (const [key, value] of Object.entries(def.shape)) {
      const optional = defOf(value).type === "optional";
      const inner = unwrap(value);
      fields.push({ key, optional, dateTime: isDateTime(inner), digits: isDigits(inner), plan: planOf(inner) });
    }
    plan = { kind: "object", fields };
  } else if (def.type === "array" && def.element) {
    plan = { kind: "array", item: planOf(def.element), idKey: identifierKeyOf(def.element) };
  } else if (def.type === "optional" || def.type === "nullable") {
    plan = planOf(def.innerType!);
  }
  plans.set(schema, plan);
  return plan;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (["optional", "nullable", "default"].includes(defOf(s).type)) s = defOf(s).innerType!;
  return s;
}

const isEmpty = (v: unknown) => v === "" || (Array.isArray(v) && v.length === 0);

/** `2025-06-15t08:00:00z` and `2025-06-15 08:00:00Z` as RFC 3339 writes them canonically. */
export function recaseDateTime(v: string): string {
  return /^\d{4}-\d{2}-\d{2}[tT ]\d/.test(v) ? v.slice(0, 10) + "T" + v.slice(11).replace(/z$/, "Z") : v;
}

/**
 * Where in a value a change was made, by its real keys and positions (in the normalised value),
 * innermost first: a parse can then forget what it noted inside a part it leaves out (lenient.ts).
 */
export type Loc = { readonly up: Loc; readonly key: PropertyKey } | undefined;

/** A Loc as its keys from the record down. */
export function locKeys(loc: Loc): PropertyKey[] {
  const out: PropertyKey[] = [];
  for (let l = loc; l; l = l.up) out.push(l.key);
  return out.reverse();
}

type Note = (path: string, loc: Loc) => void;

/**
 * `value` with the reading rules applied where `schema` says a field is optional, a date-time, an
 * integer or an identifier list; `onNormalised` is told each field path changed (and where). The
 * input is never modified: what the rules change is copied.
 */
export function normalise(schema: z.ZodType, value: unknown, onNormalised: Note): unknown {
  const plan = planOf(schema);
  return plan ? apply(plan, value, "", undefined, onNormalised) : value;
}

function join(base: string, key: string) {
  return base ? `${base}.${key}` : key;
}

/**
 * `value` with the rules applied: a copy of each object or list the rules change, the very value
 * where nothing in it changes (so a normalised record shares its untouched parts with the one sent).
 */
function apply(plan: Plan, value: unknown, path: string, loc: Loc, note: Note): unknown {
  if (plan.kind === "array") {
    if (!Array.isArray(value)) return value;
    let items: unknown[] = value;
    if (plan.idKey) {
      const idKey = plan.idKey;
      const kept = value.filter((item) => !(item && typeof item === "object" && (item as Record<string, unknown>)[idKey] === ""));
      if (kept.length !== value.length) {
        note(`${path}[].${idKey}`, loc);
        items = kept;
      }
    }
    if (!plan.item) return items;
    let copy: unknown[] | undefined;
    for (let i = 0; i < items.length; i++) {
      const next = apply(plan.item, items[i], `${path}[]`, { up: loc, key: i }, note);
      if (next !== items[i]) (copy ??= items.slice())[i] = next;
    }
    return copy ?? items;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const input = value as Record<string, unknown>;
  // What changes is decided field by field; a copy is then made in one pass, in the input's key order.
  let changes: Map<string, unknown> | undefined;
  for (const field of plan.fields) {
    const key = field.key;
    if (!(key in input)) continue;
    const v = input[key];
    if (v === null || (field.optional && isEmpty(v))) {
      (changes ??= new Map()).set(key, ABSENT);
      note(join(path, key), { up: loc, key });
      continue;
    }
    let next: unknown = v;
    if (field.dateTime && typeof v === "string") {
      next = recaseDateTime(v);
      if (next !== v) note(join(path, key), { up: loc, key });
    } else if (field.digits && typeof v === "string" && DIGITS_PATTERN.test(v)) {
      next = Number(v);
      note(join(path, key), { up: loc, key });
    } else if (field.plan) {
      next = apply(field.plan, v, join(path, key), { up: loc, key }, note);
      // An identifier list emptied by the rules above is absent, like `[]` itself.
      if (field.optional && isEmpty(next)) next = ABSENT;
    }
    if (next !== v) (changes ??= new Map()).set(key, next);
  }
  if (!changes) return value;
  // Built key by key rather than spread and then `delete`d: a deletion turns the copy into a slow
  // dictionary object, for the scan and for zod's compiled code alike.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    const next = changes.has(key) ? changes.get(key) : input[key];
    if (next === ABSENT) continue;
    // An own "__proto__" field (JSON.parse makes one) stays a field, as a spread would keep it.
    if (key === "__proto__") Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
    else out[key] = next;
  }
  return out;
}

const ABSENT = Symbol("absent");
