import "server-only";
import { forEachAtMost } from "@/lib/sources/capacity/concurrency";
import type { EduvClient } from "@/lib/sources/transport/client";
import { combinedState, enrollmentState, type EnrollmentState } from "@/lib/sources/reading/enrollment-status";
import { sendableUser } from "@/lib/sources/reading/schemas/common";
import type { SchoolConfig } from "@/lib/sources/config";
import type { LeftOut } from "@/lib/contracts/coverage";
import { listSchoolEnrollments, type EnrollmentRow } from "../enrollments/enrollments";
import { pendingIn } from "../mass-change/flags";
import { listSchoolStudents, type StudentList } from "../students/students";
import { SCHOOL_WIDE, lookupUsage, usageSources, type RegistryOutcome, type UsageAnswer, type UserRef } from "../usage/usage";

// Who is in the class or offering, and asking every usage Source about each of them (coverage.ts
// turns the answers into the overview).

/**
 * A pupil of the class or offering: enrolled now (`current`) or only before. `statusUnknown` when
 * none of their enrollments in the group holds now and one has a status nobody knows (then `current`
 * is false, but they are no former pupil either: nothing is concluded about them, and they are not
 * asked about). `user` is missing when the LAS list does not have them; `unreadable` holds the field
 * paths when the LAS sent their record but it could not be read; `ambiguous` when their enrollments
 * name them by an identifier that matches two pupils of the list (then no match is made).
 * `heldForReview` while a mass change of the school's LAS lists waits for review (`holdForReview`).
 */
export type CoveragePupil = {
  key: string;
  name?: string;
  current: boolean;
  statusUnknown?: true;
  user?: UserRef;
  unreadable?: readonly string[];
  ambiguous?: true;
  heldForReview?: true;
};
export type PupilUsage = {
  key: string;
  name?: string;
  current: boolean;
  statusUnknown?: true;
  answer?: UsageAnswer;
  /** Why there is no answer: not in the LAS's list, unreadable or ambiguous there, or held for review (`holdForReview`: not asked). */
  missing?: "not_in_las" | "unreadable_in_las" | "ambiguous_in_las" | "held_for_review";
  unreadable?: readonly string[];
};

export type CoverageTarget = { subjectOfferingId: string } | { studyOfferingId: string };

/**
 * Enrolled now (enrollment-status.ts): active, begun, and not yet ended. False also for a status
 * nobody knows: a caller that concludes anything from "not enrolled" must ask `enrollmentState`.
 */
export function isCurrent(r: Pick<EnrollmentRow, "status" | "beginDate" | "endDate">, today: string): boolean {
  return enrollmentState(r, today) === "current";
}

/** The keys of the group's enrollments whose student matched nobody because the match was ambiguous. */
export function ambiguousKeys(rows: readonly EnrollmentRow[], offering: string): Set<string> {
  const out = new Set<string>();
  for (const r of rows) if (r.studentAmbiguous && r.offering === offering) out.add(r.studentKey);
  return out;
}

/** Each pupil with an enrollment in `offering`, and their state over those enrollments on `today` (`combinedState`). */
export function groupStates(rows: readonly EnrollmentRow[], offering: string, today: string): Map<string, EnrollmentState> {
  const byPupil = new Map<string, EnrollmentState[]>();
  for (const r of rows) {
    if (r.offering !== offering) continue;
    const states = byPupil.get(r.studentKey);
    if (states) states.push(enrollmentState(r, today));
    else byPupil.set(r.studentKey, [enrollmentState(r, today)]);
  }
  return new Map([...byPupil].map(([key, states]) => [key, combinedState(states)!]));
}

/**
 * The group's pupils with their state (`groupStates`), their name and how to ask about them, from the
 * school's student list. The keys are the enrollments' (already matched to the list on any shared
 * identifier, `listSchoolEnrollments`); `ambiguous` holds those matched to nobody (`ambiguousKeys`).
 */
export function coveragePupils(
  states: ReadonlyMap<string, EnrollmentState>,
  students: Pick<StudentList, "rows" | "identifiers" | "unreadable">,
  ambiguous: ReadonlySet<string> = new Set(),
): CoveragePupil[] {
  const names = new Map(students.rows.map((r) => [r.key, r.name]));
  return [...states].map(([key, state]): CoveragePupil => {
    const enrolled = { current: state === "current", ...(state === "unknown" ? { statusUnknown: true as const } : {}) };
    if (ambiguous.has(key)) return { key, ...enrolled, ambiguous: true };
    const ids = students.identifiers.get(key);
    // Only what a Licentieregistratie may be sent (the ECK iD, else userIds of a known type): a pupil the
    // LAS names by other identifier types only cannot be asked, and is reported as such, never sent.
    const user: UserRef | undefined = ids ? sendableUser(ids) : undefined;
    const unreadable = user ? undefined : (students.unreadable.get(key) ?? (ids ? ["userIds[].userIdType"] : undefined));
    return unreadable ? { key, ...enrolled, unreadable } : { key, name: names.get(key), ...enrolled, user };
  });
}

/**
 * While a mass change of the school's LAS lists waits for review (lib/features/mass-change/guard.ts),
 * the pupils the lists would have concluded "left" (enrolled only before) or "not in the LAS" about:
 * their record may be one the LAS's last answer lost. They are marked `heldForReview`, and a former
 * pupil also `statusUnknown` (whether they are enrolled now is not known), so they are not asked
 * about, and nothing is concluded about them: the pattern of a status nobody knows.
 */
export function holdForReview(pupils: readonly CoveragePupil[]): CoveragePupil[] {
  return pupils.map((p) => {
    const former = !p.current && !p.statusUnknown;
    const notInLas = !p.user && !p.unreadable && !p.ambiguous;
    if (!former && !notInLas) return p;
    return { ...p, heldForReview: true, ...(former ? { statusUnknown: true as const } : {}) };
  });
}

/** The pupils of one subject or study offering from the LAS (filtered by the Source), with how to ask about them. */
export async function pupilsOf(
  client: EduvClient,
  school: SchoolConfig,
  target: CoverageTarget,
  today: string,
  opts: { refresh?: boolean } = {},
): Promise<CoveragePupil[]> {
  return (await groupOf(client, school, target, today, opts)).pupils;
}

/**
 * The group's pupils, and the enrollment records of the group the LAS sent that could not be read
 * (those pupils may be missing). While a change of either list waits for review, `holdForReview`:
 * the group's enrollments are a filtered answer, which the guard knows to be pending from the school's
 * whole list as last judged (the coverage page reads it for its offerings, usage-options.ts).
 */
export async function groupOf(
  client: EduvClient,
  school: SchoolConfig,
  target: CoverageTarget,
  today: string,
  opts: { refresh?: boolean } = {},
): Promise<{ pupils: CoveragePupil[]; unreadableEnrollments: LeftOut }> {
  const [enrollments, students] = await Promise.all([
    listSchoolEnrollments(client, school, target, opts),
    listSchoolStudents(client, school, {}, opts),
  ]);
  const offering = "subjectOfferingId" in target ? target.subjectOfferingId : target.studyOfferingId;
  const found = coveragePupils(groupStates(enrollments.rows, offering, today), students, ambiguousKeys(enrollments.rows, offering));
  const pupils = pendingIn(enrollments, students) ? holdForReview(found) : found;
  const invalid = enrollments.report.invalid;
  return { pupils, unreadableEnrollments: { count: invalid.count, fields: Object.keys(invalid.paths).sort() } };
}

/**
 * Asks every usage Source about every pupil: `concurrency` pupils at a time (each Source's own
 * limit, enforced by the client's bulkhead, still holds for all users together), stopping when `signal` aborts. A Source that refuses
 * the whole school is asked once, not once per pupil.
 */
export async function fanOut(
  client: EduvClient,
  school: SchoolConfig,
  pupils: readonly CoveragePupil[],
  opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; concurrency?: number; refresh?: boolean },
): Promise<PupilUsage[]> {
  // Twice the largest Source limit: the next pupil's call already waits in the Source's queue when a slot frees,
  // so the Source is kept at (never above) its limit while answers are validated here.
  const limit = opts.concurrency ?? 2 * Math.max(1, ...usageSources(client, school).map((s) => s.maxConcurrentCalls));
  const skip = new Map<string, RegistryOutcome>();
  const out: PupilUsage[] = new Array(pupils.length);
  let done = 0;
  const ask = async (p: CoveragePupil, i: number) => {
    const enrolled = { current: p.current, ...(p.statusUnknown ? { statusUnknown: true as const } : {}) };
    if (p.heldForReview) out[i] = { key: p.key, name: p.name, ...enrolled, missing: "held_for_review" };
    else if (p.unreadable) out[i] = { key: p.key, ...enrolled, missing: "unreadable_in_las", unreadable: p.unreadable };
    else if (p.ambiguous) out[i] = { key: p.key, ...enrolled, missing: "ambiguous_in_las" };
    else if (!p.user) out[i] = { key: p.key, name: p.name, ...enrolled, missing: "not_in_las" };
    // Nothing is concluded about a pupil whose enrollment status nobody knows: their licences are not asked for.
    else if (p.statusUnknown) out[i] = { key: p.key, name: p.name, ...enrolled };
    else {
      const answer = await lookupUsage(client, school, p.user, { signal: opts.signal, skip, refresh: opts.refresh });
      for (const r of answer.registries)
        if (SCHOOL_WIDE.has(r.status) && !skip.has(r.sourceId)) skip.set(r.sourceId, { ...r, entitlements: [] });
      out[i] = { key: p.key, name: p.name, current: p.current, answer };
    }
    opts.onProgress?.(++done, pupils.length);
  };
  // One pupil first: a Source that refuses the whole school then says so once, before the others are asked.
  if (pupils.length && !opts.signal?.aborted) await ask(pupils[0]!, 0);
  await forEachAtMost(pupils, limit, ask, { signal: opts.signal, from: 1 });
  if (opts.signal?.aborted) throw opts.signal.reason ?? new Error("cancelled");
  return out;
}
