import fc from "fast-check";
import { allowedObject, allowedRecord, emptyIdItem } from "./seed-arbitraries";
import { isObject, join, treeOf, type SeedNode } from "./seed-reading";
import type { SeedTable, SeedType } from "./seed-tables";
import * as V from "./seed-values";

/**
 * Breaking what the seeds allow (seed-arbitraries.ts): records the seeds forbid, each breaking one
 * rule with the field path the report should name; records with broken optional parts, to be left
 * out alone; usage answers with entitlement items that must be left out alone.
 */
export const CATEGORIES = [
  "required field missing",
  "required field null",
  "no identifier left",
  "known field of the wrong type",
  "date that does not exist",
  "not an object",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Values of another type than the field's (never null, "" or [], which are no value on an optional field). */
const WRONG: Record<SeedType, readonly unknown[]> = {
  string: [42, 0, true, false, { nl: "tekst" }, ["tekst"]],
  // "4" is no wrong type: a string of digits is read as the number.
  int: [2.5, -0.5, "-4", "vier", "4a", true, { n: 4 }, [4]],
  date: [20250701, "01-07-2025", "2025/07/01", "1 juli 2025", "2025-07-01T10:00:00Z", "2025-7-1", true, { d: 1 }],
  "date-time": [
    1751364000,
    "2025-07-01",
    "2025-07-01T10:00:00",
    "2025-07-01T10:00Z",
    "1 juli 2025 10:00",
    "2025-07-01T10:00:00+0200",
    true,
  ],
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
      .record({
        a: fc.constantFrom<unknown>(undefined, null, ""),
        b: fc.oneof(
          fc.constantFrom<unknown>(undefined, null, []),
          fc.array(emptyIdItem(node.children.get(b)!), { minLength: 1, maxLength: 2 }),
        ),
      })
      .map(({ a: va, b: vb }): Op => ({ kind: "patch", fields: { [a]: va, [b]: vb } })),
  );
}

/**
 * Every place in `record` where one rule of the table can be broken, with the path the report should
 * name. `kind` "forbidden": only places that leave the record out (on the chain of required fields
 * from the record down: no optional field, no list item, no metadata nobody reads); "parts": only
 * the places where a part is left out alone and the record kept (issue 21 item 5).
 */
function sitesOf(
  node: SeedNode,
  value: Record<string, unknown>,
  loc: Loc,
  path: string,
  sites: Site[],
  want: Category | undefined,
  kind: "forbidden" | "parts",
  chain: boolean,
) {
  const add = (site: Site, fatal: boolean) =>
    (kind === "forbidden") === fatal && (want === undefined || site.category === want) && sites.push(site);
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
    if (t !== "any")
      add({ category: "known field of the wrong type", path: at, loc: here, op: once(`wrong:${t}`, () => set(wrongValue(child))) }, fatal);
    if (t === "int" && child.field.min !== undefined)
      add(
        {
          category: "known field of the wrong type",
          path: at,
          loc: here,
          op: once(`below:${child.field.min}`, () => set(fc.integer({ min: -1000, max: child.field.min! - 1 }))),
        },
        fatal,
      );
    if (t === "date" || t === "date-time") add({ category: "date that does not exist", path: at, loc: here, op: IMPOSSIBLE[t] }, fatal);
    if (t === "array" && !child.oneByOne && (child.scopeItems || child.item!.field.type === "object")) {
      const bad = child.scopeItems ? BAD_SCOPE_ITEM : NOT_AN_OBJECT_ITEM;
      // A bad item among the others (an item is always a part of its own).
      const others = Array.isArray(v) ? v : [];
      add(
        {
          category: "known field of the wrong type",
          path: `${at}[]`,
          loc: here,
          op: fc
            .tuple(fc.constantFrom<unknown>(...bad), fc.nat())
            .map(([item, at2]): Op => ({ kind: "set", value: others.toSpliced(at2 % (others.length + 1), 0, item) })),
        },
        false,
      );
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
    n.field.type === "date" ||
    n.field.type === "date-time" ||
    (!n.oneByOne && ([...n.children.values()].some(hasDate) || (!!n.item && hasDate(n.item))));
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
    return fc
      .constantFrom(...sites)
      .chain((site) =>
        site.op.map((op): Forbidden => ({ record: applyOp(record, site.loc, op), category: site.category, path: site.path })),
      );
  });
}

// ---- usage: entitlement items left out alone --------------------------------------------------

export type WithBadItems = { record: Record<string, unknown>; good: Record<string, unknown>; leftOut: string[] };

/** A bad entitlement item: no object, or an object whose one known field has the wrong type or a date that does not exist. */
function badItem(list: SeedNode): fc.Arbitrary<{ item: unknown; path: string }> {
  const item = list.item!;
  const fields = [...item.children.values()];
  const notObject = fc.constantFrom<unknown>(42, "9789006000001", true, null, ["x"]).map((v) => ({ item: v, path: `${list.path}[]` }));
  const wrongField = fc
    .constantFrom(...fields)
    .chain((f) =>
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
