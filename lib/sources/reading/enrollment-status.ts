import { OBJECT_STATUSES } from "./schemas/common";

/**
 * Whether an enrollment holds on the reference date (`LDB_REFERENCE_DATE`, else today: the caller
 * passes it, see `referenceDate` in usage.ts). One answer for every reader (the enrollments list,
 * the student page, class coverage), so a record is never enrolled in one place and gone in another.
 */
export type EnrollmentState = "current" | "not_current" | "unknown";

/** How the dashboard reads an enrollment's `status`: one of the ObjectStatus values, or a value it does not know. */
export type StatusKind = (typeof OBJECT_STATUSES)[number] | "unknown";

const KNOWN = new Set<string>(OBJECT_STATUSES);

/**
 * `active` and `tobedeleted` are the ObjectStatus values (ERRATA 7 and "Where the seeds are silent");
 * anything else, a different spelling included, and a missing status are unknown. The lenient reader
 * counts the same values as unknown enum values of the field `status` (schemas/mode.ts `edvEnum`).
 */
export function statusKind(status: string | undefined): StatusKind {
  return status !== undefined && KNOWN.has(status) ? (status as StatusKind) : "unknown";
}

/**
 * The rule (seed 004: beginDate "becomes active (inclusive)", endDate "becomes inactive (exclusive)",
 * status "Consumers can delete objects that are flagged [tobedeleted]"):
 * - a status nobody knows, or none: `unknown`, whatever the dates (nothing is concluded from it);
 * - `tobedeleted`: `not_current`, whatever the dates (the Source withdraws the record);
 * - `active`: `current` from beginDate (inclusive) until endDate (exclusive; none: open-ended),
 *   `not_current` before its begin and from its end on.
 * Dates are YYYY-MM-DD, so they compare as strings.
 */
export function enrollmentState(r: { status?: string; beginDate: string; endDate?: string }, today: string): EnrollmentState {
  const kind = statusKind(r.status);
  if (kind === "unknown") return "unknown";
  if (kind === "tobedeleted") return "not_current";
  return r.beginDate <= today && (!r.endDate || r.endDate > today) ? "current" : "not_current";
}

/**
 * One pupil's state over several enrollments (e.g. theirs in one offering): `current` when any of
 * them is; else `unknown` when any has an unknown status (it might be the one that still holds);
 * else `not_current`. Undefined for no enrollments.
 */
export function combinedState(states: Iterable<EnrollmentState>): EnrollmentState | undefined {
  let out: EnrollmentState | undefined;
  for (const s of states) {
    if (s === "current") return s;
    if (s === "unknown" || out === undefined) out = s;
  }
  return out;
}
