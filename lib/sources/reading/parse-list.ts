import type { z } from "zod";
import { compiled } from "./schemas/compiled";
import { withReadingSink, type ReadingSink } from "./schemas/mode";
import { normalise, planOf, type Loc, locKeys, type Plan } from "./schemas/normalize";
import { AS_RETURNED, NEEDS_RULES, returnsItsInput, scannerOf } from "./schemas/scan";
import { fieldPath } from "./schemas/paths";

export { fieldPath } from "./schemas/paths";

/** What was left out of a list answer, by field path only: never a value, never an identifier. */
export type ListReport = {
  received: number;
  kept: number;
  invalid: {
    count: number;
    /** Field paths (array positions as `[]`) with the number of records failing on each. */
    paths: Record<string, number>;
    /** Positions in the Source's answer of the first left-out records, for support. */
    sampleIndexes: number[];
  };
  /** Enum values the spec does not know, per field; the records were kept. */
  unknownEnumValues: Record<string, number>;
  /**
   * Values read as absent or recased before validation, per field path (the reading rules: `null`,
   * `""` or `[]` on an optional field; a date-time in lower case or with a space); the records were kept.
   */
  normalized: Record<string, number>;
  /**
   * Parts of kept records left out on their own, by failing field path: an optional field or a list
   * item that could not be read (an address of `{}`, a `userIds` item that is `null`, a date of birth
   * sent as a date-time, a negative total, metadata that is no moment, one unreadable entitlement).
   */
  leftOutItems: Record<string, number>;
};

export type ParseListOptions = {
  /** Told of each left-out record and its failing field paths (e.g. to recognise whose record it was); runs on the server only. */
  onInvalid?: (item: unknown, paths: readonly string[]) => void;
};

const SAMPLE_LIMIT = 20;

/**
 * Validates each record of a list answer on its own, so one bad record never blanks a list of 3,000:
 * a record is read as sent, or else after the reading rules (normalize.ts); a record that fails both
 * is left out and counted by field path. What was tolerated is counted too.
 *
 * Every record is validated by zod (compiled once per schema). Where zod's output would equal the
 * record itself (a schema that only checks, a record without fields beyond it: scan.ts), the record
 * zod validated is kept as it is instead of a copy: copying 45,000 enrollments costs more, in the
 * garbage collector, than validating them. So `items` is taken over: a kept record may be the very
 * object passed in (the client passes what it just parsed), and must not be changed afterwards.
 */
export function parseList<S extends z.ZodType>(
  schema: S,
  items: readonly unknown[],
  opts: ParseListOptions = {},
): { records: z.output<S>[]; report: ListReport } {
  const records: z.output<S>[] = [];
  const paths: Record<string, number> = {};
  const sampleIndexes: number[] = [];
  // One log for all tolerances, tagged by kind: a failed attempt is rolled back by its length.
  const log: string[] = [];
  const sink: ReadingSink = {
    unknownEnum: (field) => log.push(`e${field}`),
    leftOutItem: (path) => log.push(`i${path}`),
    normalised: (path) => log.push(`n${path}`),
    mark: () => log.length,
    rollback: (mark) => void (log.length = mark),
  };
  // What the rules changed in the record at hand, with where: logged once the record is kept, and
  // only outside the parts left out of it (what was read of a part left out is forgotten).
  const pending: Array<{ path: string; loc: Loc }> = [];
  const noteNormalised = (path: string, loc: Loc) => void pending.push({ path, loc });
  const logPending = (cuts: readonly PropertyKey[][] = []) => {
    for (const { path, loc } of pending) if (!cuts.length || !cuts.some((cut) => within(locKeys(loc), cut))) log.push(`n${path}`);
  };
  let invalid = 0;
  // Derived from the schema once, not looked up per record.
  const fast = compiled(schema);
  const scan = scannerOf(schema);
  const keepAsIs = returnsItsInput(schema);
  const plan = planOf(schema);
  withReadingSink(sink, () => {
    for (let i = 0; i < items.length; i++) {
      const mark = log.length;
      pending.length = 0;
      let item = items[i];
      let shape = scan(item);
      // A failed parse costs many times a scan (zod builds its issues), so the rules go first where they apply.
      if (shape === NEEDS_RULES) shape = scan((item = normalise(schema, item, noteNormalised)));
      if (keepAsIs && shape === AS_RETURNED) {
        const beforeZod = log.length;
        if (fast.validate(item)) {
          logPending();
          records.push(item as z.output<S>);
          continue;
        }
        log.length = beforeZod; // what the refused attempt reported; the parse below reports it again
      }
      const result = fast.safeParse(item);
      if (result.success) {
        logPending();
        records.push(result.data);
        continue;
      }
      log.length = mark;
      const read = readByParts(fast, plan, item, result.error.issues, log);
      if ("data" in read) {
        logPending(read.cuts);
        for (const part of read.leftOut) log.push(`i${part.path}`);
        records.push(read.data as z.output<S>);
        continue;
      }
      log.length = mark;
      invalid++;
      if (sampleIndexes.length < SAMPLE_LIMIT) sampleIndexes.push(i);
      for (const p of read.fatal) paths[p] = (paths[p] ?? 0) + 1;
      opts.onInvalid?.(items[i], read.fatal);
    }
  });
  const tally = { e: {} as Record<string, number>, i: {} as Record<string, number>, n: {} as Record<string, number> };
  for (const entry of log) {
    const map = tally[entry[0] as "e" | "i" | "n"];
    const key = entry.slice(1);
    map[key] = (map[key] ?? 0) + 1;
  }
  return {
    records,
    report: {
      received: items.length,
      kept: records.length,
      invalid: { count: invalid, paths, sampleIndexes },
      unknownEnumValues: tally.e,
      normalized: tally.n,
      leftOutItems: tally.i,
    },
  };
}

type Issue = { path: readonly PropertyKey[] };
type Parsed = { success: true; data: unknown } | { success: false; error: { issues: readonly Issue[] } };
type Parser = { safeParse(value: unknown): Parsed };
type ByParts =
  { data: unknown; cuts: PropertyKey[][]; leftOut: Array<{ path: string; keys: readonly PropertyKey[] }> } | { fatal: string[] };

/** Whether `keys` lies within (or is) the part at `cut`. */
function within(keys: readonly PropertyKey[], cut: readonly PropertyKey[]): boolean {
  if (cut.length > keys.length) return false;
  for (let i = 0; i < cut.length; i++) if (keys[i] !== cut[i]) return false;
  return true;
}

/**
 * How many keys of an issue's path name the part it can be left out with: the innermost optional
 * field or list item on the way; 0 when nothing on the way may go, so the record itself fails.
 */
export function partLength(plan: Plan | undefined, path: readonly PropertyKey[]): number {
  let cut = 0;
  let p = plan;
  for (let i = 0; i < path.length && p; i++) {
    const key = path[i];
    if (p.kind === "array") {
      if (typeof key !== "number") break;
      cut = i + 1;
      p = p.item;
    } else {
      const field = p.fields.find((f) => f.key === key);
      if (!field) break;
      if (field.optional) cut = i + 1;
      p = field.plan;
    }
  }
  return cut;
}

const REMOVED = Symbol("removed");

/** A copy of `value` without the parts at `cuts` (only what lies on the way is copied); an optional list emptied by it is absent. */
function prune(plan: Plan | undefined, value: unknown, cuts: readonly (readonly PropertyKey[])[], depth: number): unknown {
  if (cuts.some((c) => c.length === depth)) return REMOVED;
  const below = (key: PropertyKey) => cuts.filter((c) => c[depth] === key);
  if (Array.isArray(value)) {
    const item = plan?.kind === "array" ? plan.item : undefined;
    const out: unknown[] = [];
    value.forEach((v, i) => {
      const sub = below(i);
      const next = sub.length ? prune(item, v, sub, depth + 1) : v;
      if (next !== REMOVED) out.push(next);
    });
    return out;
  }
  if (!value || typeof value !== "object") return value;
  const input = value as Record<string, unknown>;
  const out: Record<string, unknown> = { ...input };
  for (const key of new Set(cuts.map((c) => c[depth]))) {
    if (typeof key !== "string") continue;
    const field = plan?.kind === "object" ? plan.fields.find((f) => f.key === key) : undefined;
    const next = prune(field?.plan, input[key], below(key), depth + 1);
    const emptied =
      field?.optional && Array.isArray(next) && next.length === 0 && Array.isArray(input[key]) && (input[key] as unknown[]).length > 0;
    if (next === REMOVED || emptied) delete out[key];
    else out[key] = next;
  }
  return out;
}

/**
 * Drop the part, keep the record: a record that fails is read again without each optional field or
 * list item that failed (the innermost such part on the failing path), until it passes or fails
 * where nothing may go (a required field of the record or of a required object, an either-rule
 * there, or no object at all). A part left out is counted by the field paths that failed in it;
 * what was read inside a part left out later is forgotten. Issues come in passes (zod runs an
 * object's refinement, the either-rule, only when its fields passed), so a few rounds may be needed.
 */
function readByParts(fast: Parser, plan: Plan | undefined, value: unknown, firstIssues: readonly Issue[], log: string[]): ByParts {
  let current = value;
  let issues = firstIssues;
  const cuts: PropertyKey[][] = [];
  let leftOut: Array<{ path: string; keys: readonly PropertyKey[] }> = [];
  for (let pass = 0; pass < 16; pass++) {
    const fatal = new Set<string>();
    const parts = new Map<string, { keys: PropertyKey[]; paths: Set<string> }>();
    for (const issue of issues) {
      const n = partLength(plan, issue.path);
      if (n === 0) {
        fatal.add(fieldPath(issue.path));
        continue;
      }
      const keys = issue.path.slice(0, n);
      const id = JSON.stringify(keys.map(String));
      const part = parts.get(id) ?? parts.set(id, { keys, paths: new Set() }).get(id)!;
      part.paths.add(fieldPath(issue.path));
    }
    if (fatal.size > 0 || parts.size === 0) return { fatal: fatal.size ? [...fatal] : [...new Set(issues.map((i) => fieldPath(i.path)))] };
    // A part inside another part left out in the same pass is gone with it, and what failed in it is forgotten too.
    const all = [...parts.values()];
    const now = all.filter(
      (part) => !all.some((outer) => outer !== part && outer.keys.length < part.keys.length && within(part.keys, outer.keys)),
    );
    leftOut = leftOut.filter((l) => !now.some((part) => within(l.keys, part.keys)));
    for (const part of now) for (const path of part.paths) leftOut.push({ path, keys: part.keys });
    cuts.push(...now.map((p) => p.keys));
    current = prune(
      plan,
      current,
      now.map((p) => p.keys),
      0,
    );
    const before = log.length;
    const result = fast.safeParse(current);
    if (result.success) return { data: result.data, cuts, leftOut };
    log.length = before;
    issues = result.error.issues;
  }
  return { fatal: [...new Set(issues.map((i) => fieldPath(i.path)))] };
}

/**
 * Operations whose answer may come as one object instead of a list of one: seed 000's table gives
 * the 200 answer as "Object" (000:54-57), its YAML as an array (000:232-238).
 */
export type AnswerShape = { oneObjectAsList?: boolean };

/**
 * A list answer's records: `data` must be a list (or, where `oneObjectAsList`, one object, read as a
 * list of one and counted under `normalized["(answer)"]`); undefined when it is neither.
 */
export function parseAnswer<S extends z.ZodType>(
  schema: S,
  data: unknown,
  opts: ParseListOptions & AnswerShape = {},
): { records: z.output<S>[]; report: ListReport } | undefined {
  if (Array.isArray(data)) return parseList(schema, data, opts);
  if (!opts.oneObjectAsList || !data || typeof data !== "object") return undefined;
  const read = parseList(schema, [data], opts);
  read.report.normalized["(answer)"] = 1;
  return read;
}
