import type { z } from "zod";
import { compiled } from "./schemas/compiled";
import { withReadingSink, type ReadingSink } from "./schemas/mode";
import { normalise } from "./schemas/normalize";
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
  /** Items of kept records left out on their own (e.g. one unreadable entitlement), by failing field path. */
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
export function parseList<S extends z.ZodType>(schema: S, items: readonly unknown[], opts: ParseListOptions = {}): { records: z.output<S>[]; report: ListReport } {
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
  const noteNormalised = (path: string) => log.push(`n${path}`);
  let invalid = 0;
  // Derived from the schema once, not looked up per record.
  const fast = compiled(schema);
  const scan = scannerOf(schema);
  const keepAsIs = returnsItsInput(schema);
  withReadingSink(sink, () => {
    for (let i = 0; i < items.length; i++) {
      const mark = log.length;
      let item = items[i];
      let shape = scan(item);
      // A failed parse costs many times a scan (zod builds its issues), so the rules go first where they apply.
      if (shape === NEEDS_RULES) shape = scan((item = normalise(schema, item, noteNormalised)));
      if (keepAsIs && shape === AS_RETURNED) {
        const beforeZod = log.length;
        if (fast.validate(item)) {
          records.push(item as z.output<S>);
          continue;
        }
        log.length = beforeZod; // what the refused attempt reported; the parse below reports it again
      }
      const result = fast.safeParse(item);
      if (result.success) {
        records.push(result.data);
        continue;
      }
      log.length = mark;
      invalid++;
      if (sampleIndexes.length < SAMPLE_LIMIT) sampleIndexes.push(i);
      const seen = [...new Set(result.error.issues.map((issue) => fieldPath(issue.path)))];
      for (const p of seen) paths[p] = (paths[p] ?? 0) + 1;
      opts.onInvalid?.(items[i], seen);
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
