import { z } from "zod";
import { processState } from "@/lib/process-state";
import { markDateTime, markDigits } from "./normalize";

/**
 * Every Edu-V schema exists in two modes built from one definition:
 * - `strict` mirrors spec/openapi.yaml exactly (the agreement test holds it to ajv); it checks
 *   what the dashboard sends, and the sandbox's answers in tests;
 * - `lenient` is what the client reads real answers with, by the reading rules (ERRATA
 *   "Reading rules"): an enum value the spec does not know keeps the record and is counted; a
 *   required name or reference may be `""`; see `normalize.ts` for `null`, `""`, `[]` and date-times.
 */
export type SchemaMode = "strict" | "lenient";

/** Where a lenient parse tells what it tolerated; set around one record by `parseList`. */
export type ReadingSink = {
  /** A field carried an enum value the spec does not know (the record was kept). */
  unknownEnum(field: string): void;
  /** An item of a kept record's list could not be read and was left out (its failing field path). */
  leftOutItem(path: string): void;
  /** A value inside an item read one by one was normalised by the reading rules (its field path). */
  normalised(path: string): void;
  /** Where the reports stand now, and forgetting what was reported since (a failed attempt reports nothing). */
  mark(): number;
  rollback(mark: number): void;
};

/**
 * The sink of the parse in progress is process state (lib/process-state.ts), not this module's: Next gives each route
 * its own copy of this module, and a schema made by one copy may be parsed by the Source client
 * another copy made (it is kept once per process).
 */
const holder = processState(
  {
    key: "context.reading-sink",
    kind: "context",
    what: "where the lenient schemas report what they tolerate, while a list is parsed",
    cap: "one sink, only during a synchronous parse",
  },
  () => ({ sink: undefined as ReadingSink | undefined }),
);

/** Runs `fn` (synchronous) while lenient schemas report what they tolerate to `readingSink`. */
export function withReadingSink<T>(readingSink: ReadingSink, fn: () => T): T {
  const previous = holder.sink;
  holder.sink = readingSink;
  try {
    return fn();
  } finally {
    holder.sink = previous;
  }
}

/** The sink of the parse in progress, for lenient schemas that read a list item by item. */
export function currentReadingSink(): ReadingSink | undefined {
  return holder.sink;
}

/**
 * An enum that is exact in strict mode and open (but reported) in lenient mode; `""` is no value
 * (absent when optional, by the reading rules).
 */
export function edvEnum<const T extends readonly [string, ...string[]]>(values: T, mode: SchemaMode, field: string) {
  if (mode === "strict") return z.enum(values);
  const known = new Set<string>(values);
  // A refinement that never fails (no transform: that would cost a pass over every record).
  return z
    .string()
    .min(1)
    .refine((value) => {
      if (!known.has(value)) holder.sink?.unknownEnum(field);
      return true;
    }) as unknown as z.ZodType<T[number] | (string & {})>;
}

/** A non-empty string: an identifier, which identifies nobody when empty (also in lenient mode). */
export const nonEmpty = () => z.string().min(1);

/**
 * A required name or reference that the spec wants non-empty, while the seeds only say "string":
 * lenient mode keeps the record when it is `""` (the seeds allow it).
 */
export const text = (mode: SchemaMode) => (mode === "strict" ? z.string().min(1) : z.string());

/**
 * An optional string. Lenient mode refuses `""` as sent, so that the reading rules read it as absent
 * and count it (a record with one goes the normalising way; the others pay nothing).
 */
export const optText = (mode: SchemaMode) => (mode === "strict" ? z.string() : z.string().min(1)).optional();

/** An optional list; lenient mode reads `[]` as absent (and counts it), as `optText` does `""`. */
export const optList = <T extends z.ZodType>(mode: SchemaMode, item: T) =>
  (mode === "strict" ? z.array(item) : z.array(item).min(1)).optional();

/** YYYY-MM-DD that is a real calendar date (RFC 3339 full-date). */
export const isoDate = () => z.iso.date();

/**
 * RFC 3339 date-time with an offset (Edu-V writes Zulu) and any fraction of a second; lenient
 * reading recases `t`/`z` and a space separator before validating (normalize.ts).
 */
export const isoDateTime = () => markDateTime(z.iso.datetime({ offset: true }));

/**
 * An integer ("Geheel getal"). Lenient mode also reads a string of digits as the number (the
 * reading rules, counted); `min` is a bound the seeds state or the ERRATA decide (totals: 0).
 */
export function integer(mode: SchemaMode, min?: number) {
  const int = min === undefined ? z.int() : z.int().min(min);
  return mode === "strict" ? int : markDigits(int);
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const LOOSE_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

/**
 * Any RFC 3339 form of a moment (after recasing): a full-date, or a date and time with or without
 * seconds, a fraction or an offset, a leap second (`:60`) included; a calendar date that exists
 * and hours, minutes and offsets in range. How the metadata nobody reads is checked.
 */
export function isLooseDateTime(v: string): boolean {
  const m = LOOSE_DATE_TIME.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && !leap ? 28 : DAYS[mo - 1]!)) return false;
  const [h = "0", mi = "0", s = "0", oh = "0", om = "0"] = m.slice(4).map((x) => x ?? undefined);
  return Number(h) <= 23 && Number(mi) <= 59 && Number(s) <= 60 && Number(oh) <= 23 && Number(om) <= 59;
}

/**
 * Object metadata nobody reads (`dateCreated`, `dateLastModified`): required and RFC 3339 with an
 * offset in the spec (strict); lenient mode checks it loosely (`isLooseDateTime`) and never lets it
 * decide a record's life: absent, or a value that is no moment, is left out alone (and counted).
 */
export function metadataDateTime(mode: SchemaMode) {
  if (mode === "strict") return isoDateTime() as z.ZodType<string>;
  return markDateTime(z.string().refine(isLooseDateTime, "not an RFC 3339 date or date-time")).optional() as z.ZodType<string | undefined>;
}
