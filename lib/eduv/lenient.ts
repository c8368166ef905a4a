import type { z } from "zod";
import { collectUnknownEnums } from "./schemas/mode";

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
};

const SAMPLE_LIMIT = 20;

export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += "[]";
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || "(record)";
}

/**
 * Validates each record of a list answer on its own, so one bad record never blanks a list of 3,000:
 * valid records are kept, invalid ones are left out and counted by field path.
 */
export function parseList<S extends z.ZodType>(schema: S, items: readonly unknown[]): { records: z.output<S>[]; report: ListReport } {
  const records: z.output<S>[] = [];
  const paths: Record<string, number> = {};
  const unknownEnumValues: Record<string, number> = {};
  const sampleIndexes: number[] = [];
  let invalid = 0;
  collectUnknownEnums(
    (field) => {
      unknownEnumValues[field] = (unknownEnumValues[field] ?? 0) + 1;
    },
    () => {
      for (let i = 0; i < items.length; i++) {
        const result = schema.safeParse(items[i]);
        if (result.success) {
          records.push(result.data);
          continue;
        }
        invalid++;
        if (sampleIndexes.length < SAMPLE_LIMIT) sampleIndexes.push(i);
        const seen = new Set(result.error.issues.map((issue) => fieldPath(issue.path)));
        for (const p of seen) paths[p] = (paths[p] ?? 0) + 1;
      }
    },
  );
  return {
    records,
    report: { received: items.length, kept: records.length, invalid: { count: invalid, paths, sampleIndexes }, unknownEnumValues, normalized: {} },
  };
}
