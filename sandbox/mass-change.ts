import type { SchoolData } from "./data/generate";

type Json = Record<string, unknown>;

/**
 * The knob `keptPupilShare` (knobs.ts; issue 25): a LAS whose export at rollover came out half empty.
 * The students answer keeps only this share of the school's generated pupils, and the enrollments
 * answer only theirs; 1 (the default) keeps all, and every answer is as before. Which pupils stay is
 * fixed and spread evenly: pupil i of n (in the generator's order) stays when ⌊(i + 1) × share⌋ >
 * ⌊i × share⌋, so ⌊n × share⌋ stay (0.5: every second pupil, the first one dropped). Decided over
 * the whole school, so a filtered or narrowed answer keeps the same pupils. Records the anomaly knob
 * adds are left as they are.
 */
export function keptPupils(share: number, data: SchoolData): ReadonlySet<string> | undefined {
  if (share >= 1) return undefined;
  let byShare = kept.get(data.students);
  if (!byShare) kept.set(data.students, (byShare = new Map()));
  let ecks = byShare.get(share);
  if (!ecks) {
    ecks = new Set();
    data.students.forEach((s, i) => {
      if (Math.floor((i + 1) * share) > Math.floor(i * share)) ecks!.add(s.userMasterIdentifier as string);
    });
    byShare.set(share, ecks);
  }
  return ecks;
}

const kept = new WeakMap<Json[], Map<number, Set<string>>>();

/** The students of an answer the knob keeps (all when it keeps all). */
export function keptStudents(share: number, data: SchoolData, students: Json[]): Json[] {
  const ecks = keptPupils(share, data);
  return ecks ? students.filter((s) => ecks.has(s.userMasterIdentifier as string)) : students;
}

/** The enrollments of an answer whose pupil the knob keeps (all when it keeps all). */
export function keptEnrollments(share: number, data: SchoolData, enrollments: Json[]): Json[] {
  const ecks = keptPupils(share, data);
  return ecks ? enrollments.filter((e) => ecks.has((e.student as Json | undefined)?.userMasterIdentifier as string)) : enrollments;
}
