import { z } from "zod";

/** Pieces the contracts share. Like every contract, they import nothing but zod. */

/** An opaque person key (a keyed hash, 32 hex characters): a pupil's or an employee's, safe in a URL or a log. */
export const opaqueKey = z.string().regex(/^[0-9a-f]{32}$/);
/** A calendar day as the Sources send it (yyyy-mm-dd, a real date). */
export const isoDay = z.iso.date();
/** The date taken as today (LDB_REFERENCE_DATE or the real date): yyyy-mm-dd. */
export const today = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A moment as the BFF writes it (Date.toISOString). */
export const isoTime = z.iso.datetime({ offset: true });
/** A count: a non-negative integer. */
export const count = z.int().nonnegative();
/** Field paths with the number of records (or items) failing on each. */
export const pathCounts = z.record(z.string(), count);
/** Records a Source sent that were left out of a list: how many, and on which field paths. */
export const leftOutRecords = z.strictObject({ count, paths: pathCounts });
/** How old the answer shown is, in whole seconds. */
export const ageSeconds = count;
