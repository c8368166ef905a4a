import fc from "fast-check";
import { treeOf, type SeedNode } from "./seed-reading";
import type { SeedTable } from "./seed-tables";
import * as V from "./seed-values";

/**
 * fast-check arbitraries per seed table (seed-tables.ts): records the seeds allow. The records they
 * forbid, records with broken optional parts and usage answers with bad entitlement items are made
 * from these in seed-breaks.ts.
 */
type Mode = "minimal" | "any";
type Entry = readonly [string, unknown];

/** The name whose values a node takes: its key, or for a list's item the list's key. */
const nameOf = (node: SeedNode) => (node.key === "[]" ? node.path.slice(0, -2).split(".").pop()! : node.key);

function build(entries: readonly Entry[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) if (v !== undefined) out[k] = v;
  return out;
}

/** Fields the table does not name, at any object level: none, or one or two of any JSON type. */
function extras(known: ReadonlySet<string>): fc.Arbitrary<readonly Entry[]> {
  const entry = fc.tuple(V.unknownKey(known), V.jsonValue);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<readonly Entry[]>([]) },
    { weight: 2, arbitrary: fc.uniqueArray(entry, { minLength: 1, maxLength: 2, selector: ([k]) => k }) },
  );
}

/** `""` and `[]`: no value on an optional field; mostly the one of its own type, sometimes the other (the rule says "an optional field"). */
function noValue(node: SeedNode): fc.Arbitrary<unknown> {
  const own = node.field.type === "array" ? [] : "";
  return fc.oneof({ weight: 4, arbitrary: fc.constant(own) }, { weight: 1, arbitrary: fc.constantFrom<unknown>("", []) });
}

function field(node: SeedNode, mode: Mode): fc.Arbitrary<unknown> {
  if (node.field.required)
    return node.field.emptyAllowed
      ? fc.oneof({ weight: 5, arbitrary: real(node, mode) }, { weight: 1, arbitrary: fc.constant("") })
      : real(node, mode);
  if (mode === "minimal") return fc.constant(undefined);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: noValue(node) },
    { weight: 6, arbitrary: real(node, mode) },
  );
}

function real(node: SeedNode, mode: Mode): fc.Arbitrary<unknown> {
  const f = node.field;
  switch (f.type) {
    case "string":
      return V.textFor(nameOf(node));
    case "int":
      // Any integer the table allows (within a bound the ERRATA set), sometimes as a string of digits (read as the number, counted).
      return fc.oneof(
        { weight: 8, arbitrary: V.intFor(nameOf(node), f.min) },
        { weight: 1, arbitrary: fc.integer({ min: Math.max(0, f.min ?? 0), max: 99999 }).map(String) },
      );
    case "date":
      return V.fullDate;
    case "date-time":
      // Metadata nobody reads is read loosely: also without an offset or seconds, with a leap second, or as a full-date.
      return f.metadata ? fc.oneof({ weight: 3, arbitrary: V.dateTime }, { weight: 1, arbitrary: V.looseDateTime }) : V.dateTime;
    case "enum":
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...f.values!) }, { weight: 1, arbitrary: V.unknownEnum(f.values!) });
    case "bool":
      return fc.boolean();
    case "any":
      return V.jsonValue;
    case "object":
      return allowedObject(node, mode);
    case "array":
      return allowedList(node, mode);
  }
}

const objects = new WeakMap<SeedNode, Map<Mode, fc.Arbitrary<Record<string, unknown>>>>();

/** An object of `node` the table allows (built once per node and mode). */
export function allowedObject(node: SeedNode, mode: Mode): fc.Arbitrary<Record<string, unknown>> {
  const byMode = objects.get(node) ?? new Map<Mode, fc.Arbitrary<Record<string, unknown>>>();
  objects.set(node, byMode);
  const known = byMode.get(mode);
  if (known) return known;
  const arb = buildObject(node, mode);
  byMode.set(mode, arb);
  return arb;
}

function buildObject(node: SeedNode, mode: Mode): fc.Arbitrary<Record<string, unknown>> {
  const parts: fc.Arbitrary<readonly Entry[]>[] = [];
  for (const [key, child] of node.children) if (!node.either?.includes(key)) parts.push(field(child, mode).map((v) => [[key, v] as const]));
  if (node.either) parts.push(eitherPair(node, mode));
  if (mode === "any") parts.push(extras(new Set(node.children.keys())));
  return fc.tuple(...parts).map((p) => build(p.flat()));
}

/** An identifier item whose identifier is "": left out whatever else it carries. */
export function emptyIdItem(list: SeedNode): fc.Arbitrary<Record<string, unknown>> {
  const idKey = list.identifierKey!;
  const known = new Set(list.item!.children.keys());
  const typeKey = [...known].find((k) => k !== idKey)!;
  return fc.oneof(
    allowedObject(list.item!, "any").map((o) => ({ ...o, [idKey]: "" })),
    fc
      .tuple(fc.constantFrom<unknown>(undefined, null, 7, "NEPPI"), extras(known))
      .map(([type, more]) => build([[idKey, ""], [typeKey, type], ...more])),
  );
}

/** An identifier list: at least `minReal` items with a real identifier, with items whose identifier is "" among them. */
function identifierList(list: SeedNode, minReal: number, mode: Mode): fc.Arbitrary<unknown[]> {
  const realItems = fc.array(allowedObject(list.item!, mode), { minLength: minReal, maxLength: 3 });
  if (mode === "minimal") return realItems;
  return fc
    .tuple(
      realItems,
      fc.oneof(
        { weight: 2, arbitrary: fc.constant([]) },
        { weight: 1, arbitrary: fc.array(emptyIdItem(list), { minLength: 1, maxLength: 2 }) },
      ),
    )
    .chain(([a, b]) => fc.shuffledSubarray<unknown>([...a, ...b], { minLength: a.length + b.length }));
}

/** A scope as a string, or as an object `{scope}` or `{name}` with whatever else it carries (ERRATA 17). */
function scopeItem(list: SeedNode): fc.Arbitrary<unknown> {
  const text = V.textFor(nameOf(list));
  const known = new Set(["scope", "name"]);
  return fc.oneof(
    { weight: 4, arbitrary: text },
    { weight: 1, arbitrary: fc.tuple(text, extras(known)).map(([s, more]) => build([["scope", s], ...more])) },
    { weight: 1, arbitrary: fc.tuple(text, extras(known)).map(([s, more]) => build([["name", s], ...more])) },
  );
}

function allowedList(node: SeedNode, mode: Mode): fc.Arbitrary<unknown[]> {
  if (node.identifierKey) return identifierList(node, 0, mode);
  if (node.scopeItems) return fc.array(scopeItem(node), { minLength: 1, maxLength: 4 });
  // A required list may be empty ([] is a value); an optional one's [] is generated as "no value".
  if (node.oneByOne)
    return mode === "minimal"
      ? fc.constant([])
      : fc.array(
          fc.oneof(
            { weight: 1, arbitrary: allowedObject(node.item!, "minimal") },
            { weight: 5, arbitrary: allowedObject(node.item!, "any") },
          ),
          { maxLength: 5 },
        );
  return fc.array(real(node.item!, mode), { minLength: 1, maxLength: 3 });
}

/** The two fields of an either-rule: one, the other or both carry a real identifier; the other is absent, null, "" or [] or holds only empty identifiers. */
function eitherPair(node: SeedNode, mode: Mode): fc.Arbitrary<readonly Entry[]> {
  const [a, b] = node.either!;
  const list = node.children.get(b)!;
  const realA = real(node.children.get(a)!, mode);
  const realB = identifierList(list, 1, mode);
  if (mode === "minimal")
    return fc.oneof(
      realA.map((v) => [[a, v] as const]),
      realB.map((v) => [[b, v] as const]),
    );
  const noA = fc.constantFrom<unknown>(undefined, null, "");
  const noB = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<unknown>(undefined, null, []) },
    { weight: 1, arbitrary: fc.array(emptyIdItem(list), { minLength: 1, maxLength: 2 }) },
  );
  return fc.oneof(fc.tuple(realA, noB), fc.tuple(noA, realB), fc.tuple(realA, realB)).map(([x, y]) => [[a, x] as const, [b, y] as const]);
}

/** A record the table allows: mostly with everything varied, sometimes with only its required fields. */
export function allowedRecord(table: SeedTable): fc.Arbitrary<Record<string, unknown>> {
  const root = treeOf(table);
  return fc.oneof({ weight: 1, arbitrary: allowedObject(root, "minimal") }, { weight: 6, arbitrary: allowedObject(root, "any") });
}

// ---- forbidden records -------------------------------------------------------------------------
