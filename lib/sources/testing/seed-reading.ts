import type { SeedField, SeedTable } from "./seed-tables";

/**
 * A seed table as a tree, and what a record the table allows should read as by the ERRATA's
 * reading rules: the conformance test's model of the client, written from the tables and the rules'
 * text, never from the zod schemas.
 */

export type SeedNode = {
  /** The path the reports use: keys joined with ".", list items as "[]" ("" is the record). */
  path: string;
  /** The last key ("[]" for a list's item). */
  key: string;
  field: SeedField;
  children: Map<string, SeedNode>;
  item?: SeedNode;
  /** "(either a or b is required)" at this object. */
  either?: readonly [string, string];
  /** Key of the identifier of this list's items (`userId`, …): an item whose identifier is "" is left out. */
  identifierKey?: string;
  /** This list's items are read one by one; its item objects keep every field they carry. */
  oneByOne?: boolean;
  /** An object that keeps fields the table does not name (an item of a list read one by one). */
  open?: boolean;
  /** A list of scope strings; `{scope}` or `{name}` objects read as their string. */
  scopeItems?: boolean;
};

export const ROOT_FIELD: SeedField = { path: "", type: "object", required: true };

function parentOf(path: string): string {
  if (path.endsWith("[]")) return path.slice(0, -2);
  const dot = path.lastIndexOf(".");
  return dot < 0 ? "" : path.slice(0, dot);
}

const trees = new WeakMap<SeedTable, SeedNode>();

export function treeOf(table: SeedTable): SeedNode {
  const known = trees.get(table);
  if (known) return known;
  const root: SeedNode = { path: "", key: "", field: ROOT_FIELD, children: new Map() };
  const nodes = new Map<string, SeedNode>([["", root]]);
  for (const field of table.fields) {
    const parent = nodes.get(parentOf(field.path));
    if (!parent) throw new Error(`${table.name}: ${field.path} comes before its parent`);
    const node: SeedNode = {
      path: field.path,
      key: field.path.endsWith("[]") ? "[]" : field.path.slice(parentOf(field.path).length).replace(/^\./, ""),
      field,
      children: new Map(),
    };
    if (node.key === "[]") parent.item = node;
    else parent.children.set(node.key, node);
    nodes.set(field.path, node);
    if (field.identifier) nodes.get(parentOf(parentOf(field.path)))!.identifierKey = node.key;
  }
  for (const rule of table.rules) {
    if (rule.kind === "either") nodes.get(rule.at)!.either = rule.fields;
    else if (rule.kind === "itemsOneByOne") Object.assign(nodes.get(rule.list)!, { oneByOne: true }).item!.open = true;
    else nodes.get(rule.list)!.scopeItems = true;
  }
  for (const node of nodes.values())
    if (node.field.type === "array" && !node.item) throw new Error(`${table.name}: ${node.path} has no item row`);
  trees.set(table, root);
  return root;
}

export const join = (base: string, key: string) => (base ? `${base}.${key}` : key);
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** "" and [] are no value on an optional field (ERRATA "Reading rules", literally: on any optional field). */
export const isNoValue = (v: unknown) => v === "" || (Array.isArray(v) && v.length === 0);

/** What a kept record should look like, the tolerances the report should count for it, and the parts left out of it (failing field paths). */
export type Reading = { value: unknown; normalized: string[]; unknownEnums: string[]; leftOut: string[] };

/** A record (or a part) the table does not allow, with the paths of the rules it breaks (as the reports write them). */
export class SeedViolation extends Error {
  readonly path: string;
  constructor(readonly paths: readonly string[]) {
    super(`the seed table does not allow this record: ${paths.join(", ")}`);
    this.path = paths[0]!;
  }
}

const ABSENT = Symbol("absent");
const fail = (path: string | readonly string[]): never => {
  // A verdict, not a bug: no stack trace (50,000 forbidden records are read by the table).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const violation = new SeedViolation(typeof path === "string" ? [path || "(record)"] : [...new Set(path)]);
  Error.stackTraceLimit = limit;
  throw violation;
};

/** Reads a record as the table and the reading rules say; throws a SeedViolation when the table does not allow it. */
export function readAsSeedsSay(table: SeedTable, record: unknown): Reading {
  const out: Reading = { value: undefined, normalized: [], unknownEnums: [], leftOut: [] };
  out.value = read(treeOf(table), record, "", out);
  return out;
}

/** The path of the rule a record breaks by the table, or undefined when the table allows it. */
export function violationOf(table: SeedTable, record: unknown): string | undefined {
  try {
    readAsSeedsSay(table, record);
    return undefined;
  } catch (err) {
    if (err instanceof SeedViolation) return err.path;
    throw err;
  }
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** RFC 3339 full-date that is a day of the calendar. */
export function isFullDate(v: unknown): boolean {
  const m = typeof v === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && !leap ? 28 : DAYS[mo - 1]!);
}

/**
 * Any RFC 3339 form of a moment, as metadata nobody reads is checked (issue 21 item 5): a full-date,
 * or a date and a time with or without seconds (a leap second :60 included), fraction or offset.
 */
export function isLooseDateTime(v: unknown): boolean {
  const m =
    typeof v === "string" ? /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/.exec(v) : null;
  if (!m || !isFullDate(m[1])) return false;
  const [h = "0", mi = "0", s = "0", oh = "0", om = "0"] = m.slice(2).map((x) => x ?? undefined);
  return Number(h) <= 23 && Number(mi) <= 59 && Number(s) <= 60 && Number(oh) <= 23 && Number(om) <= 59;
}

/** The reading rules' recasing: `t` or a space after a date becomes `T`, a final `z` then `Z`; whether it changed. */
export function recased(v: string): string {
  return /^\d{4}-\d{2}-\d{2}[tT ]\d/.test(v) ? v.slice(0, 10) + "T" + v.slice(11).replace(/z$/, "Z") : v;
}

/** RFC 3339 §5.6 date-time (T, t or a space; any fraction; Z, z or an offset) naming a moment that exists; no leap second. */
export function isDateTime(v: unknown): boolean {
  const m =
    typeof v === "string" ? /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/.exec(v) : null;
  if (!m || !isFullDate(m[1])) return false;
  const [h, mi, s, oh = "0", om = "0"] = m.slice(2);
  return Number(h) <= 23 && Number(mi) <= 59 && Number(s) <= 59 && Number(oh) <= 23 && Number(om) <= 59;
}

/** Where the tolerances stand, to forget what was read of a part that is left out. */
const markOf = (out: Reading) => [out.normalized.length, out.unknownEnums.length, out.leftOut.length] as const;
function forget(out: Reading, [n, e, l]: readonly [number, number, number]) {
  out.normalized.length = n;
  out.unknownEnums.length = e;
  out.leftOut.length = l;
}

function read(node: SeedNode, v: unknown, here: string, out: Reading): unknown {
  switch (node.field.type) {
    case "object":
      return isObject(v) ? readObject(node, v, here, out) : fail(here);
    case "array":
      return Array.isArray(v) ? readList(node, v, here, out) : fail(here);
    case "string":
      return typeof v === "string" ? v : fail(here);
    case "int": {
      // "Geheel getal"; a string of digits is the number (counted); a bound the ERRATA decide holds.
      let n = v;
      if (typeof v === "string" && /^\d{1,15}$/.test(v)) {
        n = Number(v);
        out.normalized.push(here);
      }
      if (!Number.isSafeInteger(n) || (node.field.min !== undefined && (n as number) < node.field.min)) fail(here);
      return n;
    }
    case "bool":
      return typeof v === "boolean" ? v : fail(here);
    case "date":
      return isFullDate(v) ? v : fail(here);
    case "date-time":
      if (node.field.metadata) {
        // Read loosely: recased (counted) when the rules recase it, then any RFC 3339 form.
        if (typeof v !== "string") fail(here);
        const r = recased(v as string);
        if (r !== v) out.normalized.push(here);
        return isLooseDateTime(r) ? r : fail(here);
      }
      if (!isDateTime(v)) fail(here);
      // Recased by the rules (and counted): a lower-case t or z, or a space for the T.
      if ((v as string)[10] !== "T" || (v as string).endsWith("z")) out.normalized.push(here);
      return v;
    case "enum":
      // "" is no value, not an unknown one.
      if (typeof v !== "string" || v === "") fail(here);
      if (!node.field.values!.includes(v as string)) out.unknownEnums.push(node.key);
      return v;
    case "any":
      return v;
  }
}

/**
 * Drop the part, keep the record: a field the table marks optional (or metadata nobody reads) that
 * cannot be read is left out with the paths that failed in it, and what was read inside it is
 * forgotten; a required one fails its object. The fields of an item read one by one are not parts
 * of their own: the item goes whole.
 */
function readObject(node: SeedNode, v: Record<string, unknown>, here: string, out: Reading): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const failures: string[] = [];
  for (const [key, child] of node.children) {
    const at = join(here, key);
    const value = v[key];
    const optional = !child.field.required || !!child.field.metadata;
    if (value === undefined || value === null || (optional && isNoValue(value))) {
      if (value !== undefined) out.normalized.push(at);
      if (!optional) failures.push(at);
      continue;
    }
    const mark = markOf(out);
    try {
      const read1 = read(child, value, at, out);
      if (read1 !== ABSENT) result[key] = read1;
    } catch (err) {
      if (!(err instanceof SeedViolation)) throw err;
      if (optional && !node.open) {
        forget(out, mark);
        out.leftOut.push(...err.paths);
      } else failures.push(...err.paths);
    }
  }
  if (failures.length) fail(failures);
  if (node.either && !node.either.some((k) => k in result)) fail(join(here, node.either.join("|")));
  // Fields the table does not name: ignored, except by an object that keeps what it carries.
  if (node.open) for (const [key, value] of Object.entries(v)) if (!node.children.has(key)) result[key] = value;
  return result;
}

/** A list's items one by one: an item that cannot be read is left out with its failing paths; an optional list emptied so is absent. */
function readList(node: SeedNode, v: unknown[], here: string, out: Reading): unknown {
  let items = v;
  const idKey = node.identifierKey;
  if (idKey) {
    items = v.filter((item) => !(isObject(item) && item[idKey] === ""));
    if (items.length !== v.length) out.normalized.push(`${here}[].${idKey}`);
    if (items.length === 0 && !node.field.required) return ABSENT;
  }
  const kept: unknown[] = [];
  for (const item of items) {
    const mark = markOf(out);
    try {
      if (node.scopeItems) kept.push(scopeOf(item) ?? fail(`${here}[]`));
      else kept.push(read(node.item!, item, `${here}[]`, out));
    } catch (err) {
      if (!(err instanceof SeedViolation)) throw err;
      forget(out, mark);
      out.leftOut.push(...err.paths);
    }
  }
  if (kept.length === 0 && items.length > 0 && !node.field.required) return ABSENT;
  return kept;
}

/** A scope string, or the string of a `{scope}` or `{name}` object (`scope` first). */
function scopeOf(item: unknown): string | undefined {
  if (typeof item === "string") return item;
  if (!isObject(item)) return undefined;
  if (typeof item.scope === "string") return item.scope;
  return typeof item.name === "string" ? item.name : undefined;
}

/**
 * The instant an RFC 3339 date-time names, as text that compares exactly (any fraction kept):
 * `2025-07-01t12:00:00.50+02:00` and `2025-07-01T10:00:00.5Z` give the same.
 */
export function instantOf(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/.exec(v);
  if (!m) return `not a date-time: ${v}`;
  const [, y, mo, d, h, mi, s, frac = "", sign, oh = "0", om = "0"] = m;
  const offsetMinutes = (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const seconds = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000 - offsetMinutes * 60;
  return `${seconds}.${frac.replace(/0+$/, "") || "0"}`;
}

/** `value` with every date-time the table names replaced by its instant, so records compare as instants. */
export function withInstants(node: SeedNode, value: unknown): unknown {
  if (node.field.type === "date-time") return typeof value === "string" ? instantOf(value) : value;
  if (Array.isArray(value)) return node.item && !node.scopeItems ? value.map((item) => withInstants(node.item!, item)) : value;
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const child = node.children.get(key);
    out[key] = child ? withInstants(child, v) : v;
  }
  return out;
}
