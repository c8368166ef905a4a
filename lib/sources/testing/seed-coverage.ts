import { isNoValue, isObject, join, treeOf, type SeedNode } from "./seed-reading";
import type { SeedTable } from "./seed-tables";

/**
 * What the generated records show of each field of a seed table ("absent", "null", "real", an
 * unknown enum value, a date-time with a space, …): the conformance test checks that the allowed
 * records cover every case the reading rules name, so a generator that drifted cannot pass quietly.
 */
export type Seen = Map<string, Set<string>>;

export function observe(table: SeedTable, record: unknown, seen: Seen) {
  walk(treeOf(table), record, "", seen);
}

const note = (seen: Seen, path: string, what: string) => (seen.get(path) ?? seen.set(path, new Set()).get(path)!).add(what);

function walk(node: SeedNode, v: unknown, path: string, seen: Seen) {
  const t = node.field.type;
  if (t === "object" && isObject(v)) {
    const here = path || "(record)";
    if (Object.keys(v).some((k) => !node.children.has(k))) note(seen, here, "extra field");
    // Only what is required: an either-rule's identifier counts as required (one of the two must be there).
    const needed = (k: string) => node.children.get(k)!.field.required || !!node.either?.includes(k);
    if (Object.keys(v).every((k) => node.children.has(k) && needed(k))) note(seen, here, "only required fields");
    for (const [key, child] of node.children) {
      const at = join(path, key);
      const cv = v[key];
      if (!(key in v)) note(seen, at, "absent");
      else if (cv === null) note(seen, at, "null");
      else if (isNoValue(cv)) note(seen, at, JSON.stringify(cv));
      else {
        note(seen, at, "real");
        walk(child, cv, at, seen);
      }
    }
    if (node.either) {
      const [a, b] = node.either;
      const real = (k: string) => v[k] !== undefined && v[k] !== null && !isNoValue(v[k]);
      if (v[a] === "" && real(b)) note(seen, here, `${a} "" next to ${b}`);
      if (real(a) && real(b)) note(seen, here, "both identifiers");
    }
  } else if (t === "array" && Array.isArray(v)) {
    const idKey = node.identifierKey;
    if (idKey) {
      const empty = v.filter((item) => isObject(item) && item[idKey] === "").length;
      if (empty && empty < v.length) note(seen, path, "empty identifier next to a real one");
    }
    if (node.scopeItems) for (const item of v) note(seen, path, typeof item === "string" ? "string item" : "object item");
    if (node.oneByOne)
      for (const item of v)
        if (isObject(item) && !Object.keys(item).some((k) => node.item!.children.has(k))) note(seen, path, "item without known fields");
    for (const item of v) if (!idKey || !isObject(item) || item[idKey] !== "") walk(node.item!, item, `${path}[]`, seen);
  } else if (t === "enum" && typeof v === "string" && !node.field.values!.includes(v)) note(seen, path, "unknown value");
  else if (t === "string" && v === "") note(seen, path, '""');
  else if (t === "date-time" && typeof v === "string") {
    if (v[10] === "t") note(seen, path, "t");
    if (v[10] === " ") note(seen, path, "space");
    if (v.endsWith("z")) note(seen, path, "z");
    if (/\.\d/.test(v)) note(seen, path, "fraction");
    if (/[+-]\d\d:\d\d$/.test(v)) note(seen, path, "offset");
  }
}

/** What the allowed records must show, per path, from the table alone. */
export function expectedCoverage(table: SeedTable): Map<string, string[]> {
  const want = new Map<string, string[]>();
  const add = (path: string, ...what: string[]) => want.set(path, [...(want.get(path) ?? []), ...what]);
  add("(record)", "only required fields");
  const visit = (node: SeedNode, path: string) => {
    if (node.field.type === "object") {
      if (path !== "") add(path, "extra field");
      else add("(record)", "extra field");
      if (node.either) add(path || "(record)", `${node.either[0]} "" next to ${node.either[1]}`, "both identifiers");
      for (const [key, child] of node.children) {
        const at = join(path, key);
        if (!child.field.required) add(at, "absent", "null", child.field.type === "array" ? "[]" : '""', "real");
        if (child.field.emptyAllowed) add(at, '""');
        if (child.field.type === "enum") add(at, "unknown value");
        if (child.field.type === "date-time") add(at, "t", "space", "z", "fraction", "offset");
        visit(child, at);
      }
    } else if (node.field.type === "array") {
      if (node.identifierKey) add(path, "empty identifier next to a real one");
      if (node.scopeItems) add(path, "string item", "object item");
      if (node.oneByOne) add(path, "item without known fields");
      visit(node.item!, `${path}[]`);
    }
  };
  visit(treeOf(table), "");
  return want;
}

/**
 * The rules the forbidden records must have broken at least once, as "category: path": every
 * required field on the chain from the record down missing, null, of the wrong type or a date that
 * does not exist, every either-rule there without an identifier.
 */
export function expectedBreaks(table: SeedTable): string[] {
  const out = ["not an object: (record)"];
  // Only the chain of required fields from the record down leaves a record out (issue 21 item 5):
  // an optional field, a list item and metadata nobody reads are parts, left out alone.
  const visit = (node: SeedNode, path: string) => {
    if (node.either) out.push(`no identifier left: ${join(path, node.either.join("|"))}`);
    for (const [key, child] of node.children) {
      if (!child.field.required || child.field.metadata) continue;
      const at = join(path, key);
      const t = child.field.type;
      out.push(`required field missing: ${at}`, `required field null: ${at}`);
      if (t !== "any") out.push(`known field of the wrong type: ${at}`);
      if (t === "date" || t === "date-time") out.push(`date that does not exist: ${at}`);
      if (t === "object") visit(child, at);
    }
  };
  visit(treeOf(table), "");
  return out;
}
