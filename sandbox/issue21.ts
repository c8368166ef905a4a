import type { SchoolData } from "./data/generate";
import type { Knobs } from "./knobs";

type Json = Record<string, unknown>;

/**
 * The knobs of issue 21 that change an enrollments answer (knobs.ts; each off by default, so every
 * answer is as before):
 * - `enrollmentStudentByUserIds`: every enrollment names its pupil by `userIds` only (the student
 *   record's entries in reversed order), without `userMasterIdentifier`: one pupil, one key (seed
 *   004:52-56, "either userMasterIdentifier or userIds").
 * - `unknownEnrollmentStatus`: the enrollments of one study or subject offering carry a status the
 *   ObjectStatus list does not have ("pending" by default); with `endingBefore`, only those whose
 *   endDate lies before that date (the leavers and last year's records of a group on a given day).
 * Applied to the answer after the Source's filters; the school's data stay as generated.
 */
export function issue21Enrollments(
  knobs: Pick<Knobs, "enrollmentStudentByUserIds" | "unknownEnrollmentStatus">,
  data: SchoolData,
  list: Json[],
): Json[] {
  let out = list;
  const unknown = knobs.unknownEnrollmentStatus;
  if (unknown) out = out.map((e) => (hasUnknownStatus(e, unknown) ? { ...e, status: unknown.status } : e));
  if (knobs.enrollmentStudentByUserIds) {
    const ids = userIdsByEck(data);
    out = out.map((e) => {
      const eck = (e.student as Json | undefined)?.userMasterIdentifier;
      const userIds = typeof eck === "string" ? ids.get(eck) : undefined;
      return userIds ? { ...e, student: { userIds: [...userIds].reverse().map((u) => ({ ...u })) } } : e;
    });
  }
  return out;
}

/** Whether the `unknownEnrollmentStatus` knob gives this (generated) enrollment its unknown status. */
export function hasUnknownStatus(e: Json, knob: NonNullable<Knobs["unknownEnrollmentStatus"]>): boolean {
  if (e.study !== knob.offering && e.subject !== knob.offering) return false;
  if (knob.endingBefore === undefined) return true;
  return typeof e.endDate === "string" && e.endDate < knob.endingBefore;
}

const byEck = new WeakMap<Json[], Map<string, Json[]>>();

/** The `userIds` of each student record, by ECK iD, per generated data (a new scale or canary makes new data). */
function userIdsByEck(data: SchoolData): Map<string, Json[]> {
  let index = byEck.get(data.students);
  if (!index) {
    index = new Map();
    for (const s of data.students)
      if (typeof s.userMasterIdentifier === "string" && Array.isArray(s.userIds)) index.set(s.userMasterIdentifier, s.userIds as Json[]);
    byEck.set(data.students, index);
  }
  return index;
}
