import { z } from "zod";

/**
 * Every Edu-V schema exists in two modes built from one definition:
 * - `strict` mirrors spec/openapi.yaml exactly (the agreement test holds it to ajv);
 * - `lenient` is what the client parses real answers with: an enum value the spec does not know
 *   keeps the record (the Source may be a newer version) and is counted, never shown as a value.
 */
export type SchemaMode = "strict" | "lenient";

type UnknownEnumSink = (field: string) => void;
let unknownEnumSink: UnknownEnumSink | undefined;

/** Runs `fn` (synchronous) while unknown enum values met by lenient schemas are reported to `sink`. */
export function collectUnknownEnums<T>(sink: UnknownEnumSink, fn: () => T): T {
  const previous = unknownEnumSink;
  unknownEnumSink = sink;
  try {
    return fn();
  } finally {
    unknownEnumSink = previous;
  }
}

/** An enum that is exact in strict mode and open (but reported) in lenient mode. */
export function edvEnum<const T extends readonly [string, ...string[]]>(values: T, mode: SchemaMode, field: string) {
  if (mode === "strict") return z.enum(values);
  const known = new Set<string>(values);
  // A refinement that never fails (no transform: that would cost a pass over every record).
  return z.string().refine((value) => {
    if (!known.has(value)) unknownEnumSink?.(field);
    return true;
  }) as unknown as z.ZodType<T[number] | (string & {})>;
}

/** A non-empty string: identifiers and required names in Edu-V are never empty. */
export const nonEmpty = () => z.string().min(1);

/** YYYY-MM-DD that is a real calendar date (RFC 3339 full-date). */
export const isoDate = () => z.iso.date();

/** RFC 3339 date-time; Edu-V writes Zulu, but an offset is still a valid date-time in the spec. */
export const isoDateTime = () => z.iso.datetime({ offset: true });
