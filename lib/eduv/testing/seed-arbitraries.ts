import fc from "fast-check";
import { isObject, join, treeOf, type SeedNode } from "./seed-reading";
import type { SeedTable, SeedType } from "./seed-tables";
import * as V from "./seed-values";

/**
 * fast-check arbitraries per seed table (seed-tables.ts): records the seeds allow, records they
 * forbid (each breaking one rule, with the field path the report should name), and usage answers
 * with entitlement items that must be left out alone.
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
  return fc.oneof({ weight: 3, arbitrary: fc.constant<readonly Entry[]>([]) }, { weight: 2, arbitrary: fc.uniqueArray(entry, { minLength: 1, maxLength: 2, selector: ([k]) => k }) });
}

/** `""` and `[]`: no value on an optional field; mostly the one of its own type, sometimes the other (the rule says "an optional field"). */
function noValue(node: SeedNode): fc.Arbitrary<unknown> {
  const own = node.field.type === "array" ? [] : "";
  return fc.oneof({ weight: 4, arbitrary: fc.constant(own) }, { weight: 1, arbitrary: fc.constantFrom<unknown>("", []) });
}

function field(node: SeedNode, mode: Mode): fc.Arbitrary<unknown> {
  if (node.field.required) return node.field.emptyAllowed ? fc.oneof({ weight: 5, arbitrary: real(node, mode) }, { weight: 1, arbitrary: fc.constant("") }) : real(node, mode);
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
      return fc.oneof({ weight: 8, arbitrary: V.intFor(nameOf(node), f.min) }, { weight: 1, arbitrary: fc.integer({ min: Math.max(0, f.min ?? 0), max: 99999 }).map(String) });
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
function emptyIdItem(list: SeedNode): fc.Arbitrary<Record<string, unknown>> {
  const idKey = list.identifierKey!;
  const known = new Set(list.item!.children.keys());
  const typeKey = [...known].find((k) => k !== idKey)!;
  return fc.oneof(
    allowedObject(list.item!, "any").map((o) => ({ ...o, [idKey]: "" })),
    fc.tuple(fc.constantFrom<unknown>(undefined, null, 7, "NEPPI"), extras(known)).map(([type, more]) => build([[idKey, ""], [typeKey, type], ...more])),
  );
}

/** An identifier list: at least `minReal` items with a real identifier, with items whose identifier is "" among them. */
function identifierList(list: SeedNode, minReal: number, mode: Mode): fc.Arbitrary<unknown[]> {
  const realItems = fc.array(allowedObject(list.item!, mode), { minLength: minReal, maxLength: 3 });
  if (mode === "minimal") return realItems;
  return fc
    .tuple(realItems, fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(emptyIdItem(list), { minLength: 1, maxLength: 2 }) }))
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
  if (node.oneByOne) return mode === "minimal" ? fc.constant([]) : fc.array(fc.oneof({ weight: 1, arbitrary: allowedObject(node.item!, "minimal") }, { weight: 5, arbitrary: allowedObject(node.item!, "any") }), { maxLength: 5 });
  return fc.array(real(node.item!, mode), { minLength: 1, maxLength: 3 });
}

/** The two fields of an either-rule: one, the other or both carry a real identifier; the other is absent, null, "" or [] or holds only empty identifiers. */
function eitherPair(node: SeedNode, mode: Mode): fc.Arbitrary<readonly Entry[]> {
  const [a, b] = node.either!;
  const list = node.children.get(b)!;
  const realA = real(node.children.get(a)!, mode);
  const realB = identifierList(list, 1, mode);
  if (mode === "minimal") return fc.oneof(realA.map((v) => [[a, v] as const]), realB.map((v) => [[b, v] as const]));
  const noA = fc.constantFrom<unknown>(undefined, null, "");
  const noB = fc.oneof({ weight: 3, arbitrary: fc.constantFrom<unknown>(undefined, null, []) }, { weight: 1, arbitrary: fc.array(emptyIdItem(list), { minLength: 1, maxLength: 2 }) });
  return fc.oneof(fc.tuple(realA, noB), fc.tuple(noA, realB), fc.tuple(realA, realB)).map(([x, y]) => [[a, x] as const, [b, y] as const]);
}

/** A record the table allows: mostly with everything varied, sometimes with only its required fields. */
export function allowedRecord(table: SeedTable): fc.Arbitrary<Record<string, unknown>> {
  const root = treeOf(table);
  return fc.oneof({ weight: 1, arbitrary: allowedObject(root, "minimal") }, { weight: 6, arbitrary: allowedObject(root, "any") });
}

// ---- forbidden records -------------------------------------------------------------------------

export const CATEGORIES = ["required field missing", "required field null", "no identifier left", "known field of the wrong type", "date that does not exist", "not an object"] as const;
export type Category = (typeof CATEGORIES)[number];

/** Values of another type than the field's (never null, "" or [], which are no value on an optional field). */
const WRONG: Record<SeedType, readonly unknown[]> = {
  string: [42, 0, true, false, { nl: "tekst" }, ["tekst"]],
  // "4" is no wrong type: a string of digits is read as the number.
  int: [2.5, -0.5, "-4", "vier", "4a", true, { n: 4 }, [4]],
  date: [20250701, "01-07-2025", "2025/07/01", "1 juli 2025", "2025-07-01T10:00:00Z", "2025-7-1", true, { d: 1 }],
  "date-time": [1751364000, "2025-07-01", "2025-07-01T10:00:00", "2025-07-01T10:00Z", "1 juli 2025 10:00", "2025-07-01T10:00:00+0200", true],
  enum: [3, true, { value: "active" }, ["active"]],
  object: ["tekst", 42, true, ["tekst"]],
  array: ["tekst", 42, true, { a: 1 }],
  bool: ["true", 1, { b: true }],
  any: [],
};
/** An item of a list of objects that is no object (null too: an item is no field, so null is not "absent"). */
const NOT_AN_OBJECT_ITEM = [42, "12345@1.school.nl", true, null, ["x"]] as const;
/** A scope item that is neither a string nor an object with a string `scope` or `name`. */
const BAD_SCOPE_ITEM = [42, true, null, {}, { scope: 42 }, { id: "eduv.association" }, ["eduv.association"]] as const;

const wrongValue = (node: SeedNode) => fc.constantFrom(...WRONG[node.field.type]);

type Loc = readonly (string | number)[];
type Op = { kind: "delete" } | { kind: "set"; value: unknown } | { kind: "patch"; fields: Record<string, unknown> };
type Site = { category: Category; path: string; loc: Loc; op: fc.Arbitrary<Op> };

const set = (value: fc.Arbitrary<unknown>) => value.map((v): Op => ({ kind: "set", value: v }));

/** The ways to break a rule, built once each and shared by every record's places (a record has dozens). */
const shared = new Map<string, fc.Arbitrary<Op>>();
const once = (key: string, make: () => fc.Arbitrary<Op>) => shared.get(key) ?? (shared.set(key, make()), shared.get(key)!);
const DELETE = fc.constant<Op>({ kind: "delete" });
const SET_NULL = fc.constant<Op>({ kind: "set", value: null });
const SET_EMPTY = fc.constant<Op>({ kind: "set", value: "" });
const IMPOSSIBLE = { date: set(V.impossibleDate), "date-time": set(V.impossibleDateTime) } as const;

/** The two fields of an either-rule with no identifier left after the rules. */
function noIdentifier(node: SeedNode): fc.Arbitrary<Op> {
  const [a, b] = node.either!;
  return once(`either:${node.path}`, () =>
    fc
      .record({ a: fc.constantFrom<unknown>(undefined, null, ""), b: fc.oneof(fc.constantFrom<unknown>(undefined, null, []), fc.array(emptyIdItem(node.children.get(b)!), { minLength: 1, maxLength: 2 })) })
      .map(({ a: va, b: vb }): Op => ({ kind: "patch", fields: { [a]: va, [b]: vb } })),
  );
}

/**
 * Every place in `record` where one rule of the table can be broken, with the path the report should
 * name. `kind` "forbidden": only places that leave the record out (on the chain of required fields
 * from the record down: no optional field, no list item, no metadata nobody reads); "parts": only
 * the places where a part is left out alone and the record kept (issue 21 item 5).
 */
function sitesOf(node: SeedNode, value: Record<string, unknown>, loc: Loc, path: string, sites: Site[], want: Category | undefined, kind: "forbidden" | "parts", chain: boolean) {
  const add = (site: Site, fatal: boolean) => (kind === "forbidden") === fatal && (want === undefined || site.category === want) && sites.push(site);
  for (const [key, child] of node.children) {
    const at = join(path, key);
    const here = [...loc, key];
    const t = child.field.type;
    const fatal = chain && child.field.required && !child.field.metadata;
    const v = value[key];
    if (child.field.required) {
      add({ category: "required field missing", path: at, loc: here, op: DELETE }, fatal);
      add({ category: "required field null", path: at, loc: here, op: SET_NULL }, fatal);
      // "" is no value; for a string it is one (a name that may be empty, or an identifier whose item is left out).
      if (t !== "string" && t !== "array") add({ category: "required field missing", path: at, loc: here, op: SET_EMPTY }, fatal);
    }
    if (t !== "any") add({ category: "known field of the wrong type", path: at, loc: here, op: once(`wrong:${t}`, () => set(wrongValue(child))) }, fatal);
    if (t === "int" && child.field.min !== undefined) add({ category: "known field of the wrong type", path: at, loc: here, op: once(`below:${child.field.min}`, () => set(fc.integer({ min: -1000, max: child.field.min! - 1 }))) }, fatal);
    if (t === "date" || t === "date-time") add({ category: "date that does not exist", path: at, loc: here, op: IMPOSSIBLE[t] }, fatal);
    if (t === "array" && !child.oneByOne && (child.scopeItems || child.item!.field.type === "object")) {
      const bad = child.scopeItems ? BAD_SCOPE_ITEM : NOT_AN_OBJECT_ITEM;
      // A bad item among the others (an item is always a part of its own).
      const others = Array.isArray(v) ? v : [];
      add({ category: "known field of the wrong type", path: `${at}[]`, loc: here, op: fc.tuple(fc.constantFrom<unknown>(...bad), fc.nat()).map(([item, at2]): Op => ({ kind: "set", value: others.toSpliced(at2 % (others.length + 1), 0, item) })) }, false);
    }
    if (t === "object" && isObject(v)) sitesOf(child, v, here, at, sites, want, kind, fatal);
    if (t === "array" && Array.isArray(v) && !child.oneByOne && !child.scopeItems && child.item!.field.type === "object") {
      v.forEach((item, i) => {
        if (!isObject(item) || (child.identifierKey && item[child.identifierKey] === "")) return; // left out anyway
        sitesOf(child.item!, item, [...here, i], `${at}[]`, sites, want, kind, false);
      });
    }
  }
  if (node.either) add({ category: "no identifier left", path: join(path, node.either.join("|")), loc, op: noIdentifier(node) }, chain);
}

/** A record that is no object; IN_A_LIST stands for the record itself inside a list. */
const IN_A_LIST = Symbol("the record in a list");
const NOT_AN_OBJECT = set(fc.constantFrom<unknown>(null, 42, "Emma Jansen", true, [], IN_A_LIST));

/** A copy of `record` with `op` applied at `loc`; only the objects on the way to `loc` are copied. */
function applyOp(record: unknown, loc: Loc, op: Op): unknown {
  if (loc.length === 0 && op.kind === "set") return op.value === IN_A_LIST ? [record] : op.value;
  const copy = (v: unknown) => (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  const root = copy(record);
  let parent = root;
  const target = op.kind === "patch" ? loc : loc.slice(0, -1);
  for (const k of target) parent = parent[k] = copy(parent[k]);
  const last = loc[loc.length - 1]!;
  if (op.kind === "delete") delete parent[last];
  else if (op.kind === "set") parent[last] = op.value;
  else {
    for (const [k, v] of Object.entries(op.fields)) {
      if (v === undefined) delete parent[k];
      else parent[k] = v;
    }
  }
  return root;
}

export type Forbidden = { record: unknown; category: Category; path: string };

/** The categories a table's records can break (a date only where the table has one outside items read one by one). */
function categoriesOf(node: SeedNode): Category[] {
  const hasDate = (n: SeedNode): boolean =>
    n.field.type === "date" || n.field.type === "date-time" || (!n.oneByOne && ([...n.children.values()].some(hasDate) || (!!n.item && hasDate(n.item))));
  return CATEGORIES.filter((c) => c !== "date that does not exist" || hasDate(node));
}

/** A record the table forbids: an allowed one with one rule broken (the category chosen first, then the place). */
export function forbiddenRecord(table: SeedTable): fc.Arbitrary<Forbidden> {
  const root = treeOf(table);
  return fc.tuple(fc.constantFrom(...categoriesOf(root)), allowedRecord(table)).chain(([category, record]) => {
    const sites: Site[] = [];
    if (category === "not an object") sites.push({ category, path: "(record)", loc: [], op: NOT_AN_OBJECT });
    else sitesOf(root, record, [], "", sites, category, "forbidden", true);
    // A date nested in an optional object this record lacks: break another rule instead.
    if (sites.length === 0) sites.push({ category: "not an object", path: "(record)", loc: [], op: NOT_AN_OBJECT });
    return fc.constantFrom(...sites).chain((site) => site.op.map((op): Forbidden => ({ record: applyOp(record, site.loc, op), category: site.category, path: site.path })));
  });
}

// ---- usage: entitlement items left out alone --------------------------------------------------

export type WithBadItems = { record: Record<string, unknown>; good: Record<string, unknown>; leftOut: string[] };

/** A bad entitlement item: no object, or an object whose one known field has the wrong type or a date that does not exist. */
function badItem(list: SeedNode): fc.Arbitrary<{ item: unknown; path: string }> {
  const item = list.item!;
  const fields = [...item.children.values()];
  const notObject = fc.constantFrom<unknown>(42, "9789006000001", true, null, ["x"]).map((v) => ({ item: v, path: `${list.path}[]` }));
  const wrongField = fc.constantFrom(...fields).chain((f) =>
    fc
      .tuple(allowedObject(item, "any"), f.field.type === "date" ? fc.oneof(wrongValue(f), V.impossibleDate) : wrongValue(f))
      .map(([o, v]) => ({ item: { ...o, [f.key]: v }, path: `${list.path}[].${f.key}` })),
  );
  return fc.oneof(notObject, wrongField);
}

/** An allowed usage answer with one to three bad entitlement items put among its good ones. */
export function withBadItems(table: SeedTable, listKey = "entitlements"): fc.Arbitrary<WithBadItems> {
  const list = treeOf(table).children.get(listKey)!;
  return allowedObject(treeOf(table), "any").chain((good) =>
    fc.array(fc.tuple(badItem(list), fc.nat()), { minLength: 1, maxLength: 3 }).map((bads) => {
      const items = [...(good[listKey] as unknown[])];
      for (const [bad, at] of bads) items.splice(at % (items.length + 1), 0, bad.item);
      return { record: { ...good, [listKey]: items }, good, leftOut: bads.map(([bad]) => bad.path) };
    }),
  );
}

// ---- parts left out alone: the record kept ----------------------------------------------------

/** One part of `record` broken where the record is kept without it (a site of kind "parts"); the record as it is when it has none. */
function breakOnePart(root: SeedNode, record: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const sites: Site[] = [];
  sitesOf(root, record, [], "", sites, undefined, "parts", true);
  if (sites.length === 0) return fc.constant(record);
  return fc.constantFrom(...sites).chain((site) => site.op.map((op) => applyOp(record, site.loc, op) as Record<string, unknown>));
}

export type WithBadParts = { record: Record<string, unknown>; defects: number };

/**
 * An allowed record with one to three of its optional parts broken (an optional field of the wrong
 * type or a date that does not exist, an optional object lacking what it requires or naming nobody,
 * a list item that is no object or lacks its fields, a total below zero, metadata that is no
 * moment or missing): each break chosen anew on the record the last one left.
 */
export function withBadParts(table: SeedTable): fc.Arbitrary<WithBadParts> {
  const root = treeOf(table);
  return fc.tuple(allowedObject(root, "any"), fc.integer({ min: 1, max: 3 })).chain(([record, defects]) => {
    let arb: fc.Arbitrary<Record<string, unknown>> = fc.constant(record);
    for (let i = 0; i < defects; i++) arb = arb.chain((r) => breakOnePart(root, r));
    return arb.map((broken) => ({ record: broken, defects }));
  });
}
