import type { z } from "zod";
import { planOf, refinesOnly, type Plan } from "./normalize";

/**
 * The look at each record before it is validated, generated once per schema from its plan
 * (normalize.ts) as straight-line JavaScript, as zod's own `z.compile` does for validation. It runs
 * for every record of every answer: a loop over the plan reads each field with a computed key,
 * which V8 serves through its megamorphic cache (about 0.5 µs a record); code that names each
 * field gets an inline cache per field and is several times faster. It allocates nothing.
 *
 * It answers one of three things about a record:
 * - NEEDS_RULES: something the reading rules change (`null`, `""` or `[]` on an optional field, an
 *   empty identifier in a list, a recased date-time, an integer in quotes); the scan ends at the first such value;
 * - AS_RETURNED: nothing to change, and no field beyond the schema's at any level, on plain objects
 *   and arrays only: for a schema whose parse only checks (`returnsItsInput`), what zod returns for
 *   this record equals the record itself, so once zod has validated it, it can be kept as it is;
 * - OTHER_FIELDS: nothing to change, but zod's output differs from the record (fields it drops, or
 *   not the expected structure at all, which zod will refuse).
 */
export const AS_RETURNED = 0;
export const NEEDS_RULES = 1;
export const OTHER_FIELDS = 2;
export type ScanResult = typeof AS_RETURNED | typeof NEEDS_RULES | typeof OTHER_FIELDS;
export type Scanner = (value: unknown) => ScanResult;

const scanners = new WeakMap<object, Scanner>();
const noPlan: Scanner = () => OTHER_FIELDS;

/** Whether `value` holds anything the reading rules would change. */
export function needsNormalising(schema: z.ZodType, value: unknown): boolean {
  return scannerOf(schema)(value) === NEEDS_RULES;
}

export function scannerOf(schema: z.ZodType): Scanner {
  let scanner = scanners.get(schema);
  if (!scanner) {
    const plan = planOf(schema);
    scanners.set(schema, (scanner = plan ? generate(plan) : noPlan));
  }
  return scanner;
}

/** One function per plan node, each given its children's functions as arguments (no call site shared between nodes). */
function generate(plan: Plan): Scanner {
  const children: Scanner[] = [];
  const child = (p: Plan) => `c${children.push(generate(p)) - 1}`;
  const lines: string[] = [];
  if (plan.kind === "array") {
    const item = plan.item ? child(plan.item) : undefined;
    lines.push("if (!Array.isArray(v)) return 2;", "let r = 0;", "for (let i = 0; i < v.length; i++) {", "  const x = v[i];");
    // An identifier item with an empty identifier is left out of its list (ERRATA "Reading rules").
    if (plan.idKey !== undefined) lines.push(`  if (x && typeof x === "object" && x[${JSON.stringify(plan.idKey)}] === "") return 1;`);
    if (item) lines.push(`  const s = ${item}(x);`, "  if (s === 1) return 1;", "  r |= s;");
    lines.push("}", "return r;");
  } else {
    lines.push('if (!v || typeof v !== "object" || Array.isArray(v)) return 2;', "let f, s, n = 0, r = 0;");
    for (const field of plan.fields) {
      lines.push(`f = v[${JSON.stringify(field.key)}];`, "if (f !== undefined) {", "  n++;", "  if (f === null) return 1;");
      // "" and [] are absent on an optional field.
      if (field.optional) lines.push('  if (f === "" || (Array.isArray(f) && f.length === 0)) return 1;');
      // A date-time in lower case or with a space for the T is recased (84 is "T", 122 is "z").
      if (field.dateTime)
        lines.push(
          '  if (typeof f === "string" && ((f.length > 10 && f.charCodeAt(10) !== 84) || f.charCodeAt(f.length - 1) === 122)) return 1;',
        );
      // An integer sent as a string of digits is read as the number.
      else if (field.digits) lines.push('  if (typeof f === "string" && /^\\d{1,15}$/.test(f)) return 1;');
      else if (field.plan) lines.push(`  s = ${child(field.plan)}(f);`, "  if (s === 1) return 1;", "  r |= s;");
      lines.push("}");
    }
    // Fields beyond the schema's: counted with for-in, which walks V8's cached key list without allocating.
    lines.push(
      "if (r === 0) {",
      "  if (Object.getPrototypeOf(v) !== Object.prototype) return 2;",
      "  let k = 0;",
      "  for (const _ in v) k++;",
      "  if (k !== n) return 2;",
      "}",
      "return r;",
    );
  }
  const names = children.map((_, i) => `c${i}`);
  // Named, so that a CPU profile shows the scan apart from zod's generated code.
  return new Function(...names, `"use strict";\nreturn function readingRulesScan(v) {\n${lines.join("\n")}\n};`)(...children) as Scanner;
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  catchall?: z.ZodType;
  checks?: Check[];
};
type Check = { _zod: { def: { check: string; fn?: unknown } } };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Values zod returns as they came in (its format checks, `z.int()` among them, are such schemas too). */
const LEAVES = new Set(["string", "number", "boolean", "enum", "literal", "unknown", "any"]);
/** Built-in checks that only answer yes or no. */
const PREDICATES = new Set([
  "min_length",
  "max_length",
  "length_equals",
  "string_format",
  "number_format",
  "greater_than",
  "less_than",
  "multiple_of",
  "min_size",
  "max_size",
  "size_equals",
]);
const sameOutput = new WeakMap<object, boolean>();

/**
 * Whether zod's output for a value of `schema` that carries only the schema's fields equals that
 * value: true when every part of the schema only checks (plain objects that drop unknown fields,
 * arrays, leaves, `.optional()`, predicates and `.refine`), false at the first part that may build
 * something else (a transform, a union, a default, an object that keeps unknown fields, a
 * refinement not marked `refinesOnly`…). Derived once per schema from its zod definition.
 */
export function returnsItsInput(schema: z.ZodType): boolean {
  let out = sameOutput.get(schema);
  if (out === undefined) {
    sameOutput.set(schema, false); // a recursive schema is not walked twice
    sameOutput.set(schema, (out = walk(schema)));
  }
  return out;
}

function walk(schema: z.ZodType): boolean {
  const def = defOf(schema);
  const checksOnly = (def.checks ?? []).every(
    (c) => PREDICATES.has(c._zod.def.check) || (c._zod.def.check === "custom" && (c._zod.def.fn !== undefined || refinesOnly(schema))),
  );
  if (!checksOnly) return false;
  if (LEAVES.has(def.type)) return true;
  if (def.type === "optional") return returnsItsInput(def.innerType!);
  if (def.type === "array") return returnsItsInput(def.element!);
  if (def.type === "object") return def.catchall === undefined && Object.values(def.shape ?? {}).every(returnsItsInput);
  return false;
}
