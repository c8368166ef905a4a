import "server-only";
import {
  DATA_QUALITY_CHECK_IDS,
  type DataQualityActor,
  type DataQualityCheck,
  type DataQualityCheckId,
  type DataQualityItem,
} from "@/lib/contracts/data-quality";
import type { SchoolConfig } from "@/lib/sources/config";
import { keyIdentifier, PersonMatcher, studentKey, type PersonRef } from "@/lib/sources/reading/identity";
import { maskIdentifier } from "../students/students";

/**
 * The data-quality checks over one school's LAS lists: pure functions of the records as read and the
 * reference date. Every item names its pupil only by the opaque key and the masked identifier the
 * students list shows; no name, ECK iD or birth date leaves here, and `detail` holds only a study
 * year, an enrollment's dates or period, or a count.
 */

/** A pupil record as the LAS sent it (a Student record fits): what the checks read of it. */
export type PupilRecord = PersonRef & { givenName: string; familyNamePrefix?: string; familyName: string; dateOfBirth?: string };

/** An enrollment as the LAS sent it (an Enrollment record fits): what the checks read of it. */
export type EnrollmentRecord = {
  enrollmentId: string;
  student: PersonRef;
  enrollmentType: string;
  studyYear?: number;
  schoolPeriod: string;
  beginDate: string;
  endDate?: string;
  status?: string;
};

export type CheckInput = {
  pupils: readonly PupilRecord[];
  enrollments: readonly EnrollmentRecord[];
  sector: SchoolConfig["sector"];
  /** The reference date, yyyy-mm-dd. */
  today: string;
  /**
   * How an enrollment's student is resolved to a pupil's key: the students list's matcher (it also
   * knows the records it left out), so every item has the key the enrollments list gives it; by
   * default one over `pupils`.
   */
  identity?: PersonMatcher;
};

/** At most this many items per check in the answer; `count` has them all, and so has the CSV. */
export const ITEM_CAP = 500;

/** Study years by sector (ERRATA 26: PO 0, instroom, to 8). MBO has no range here: the check is left out for it. */
const STUDY_YEARS: Partial<Record<SchoolConfig["sector"], readonly [number, number]>> = { PO: [0, 8], VO: [1, 6] };
/** Dates further from the reference date than this are typing errors (an enrollment of 1901, or of 2206). */
const YEARS_BACK = 25;
const YEARS_AHEAD = 5;

type Pupil = { record: PupilRecord; key: string; masked: string };
type Placed = { record: EnrollmentRecord; key: string; masked: string };
/** What every check reads, computed once: the keys and masks of pupils and enrollments. */
export type Prepared = { pupils: Pupil[]; enrollments: Placed[]; sector: SchoolConfig["sector"]; today: string };

/**
 * Keys and masks, once. Enrollments flagged `tobedeleted` are left out of every check: the Source
 * withdraws them (enrollment-status.ts), so there is nothing left for the school to put right.
 */
export function prepare(input: CheckInput): Prepared {
  const pupils = input.pupils.map((record) => ({ record, key: studentKey(keyIdentifier(record) ?? ""), masked: maskIdentifier(record) }));
  const identity = input.identity ?? new PersonMatcher(input.pupils, (i) => pupils[i]!.key);
  const maskOf = new Map<string, string>();
  for (const p of pupils) if (!maskOf.has(p.key)) maskOf.set(p.key, p.masked);
  const match = identity.matcher();
  const enrollments: Placed[] = [];
  for (const record of input.enrollments) {
    if (record.status === "tobedeleted") continue;
    const m = match(record.student);
    // A pupil found in the list is masked as the list masks them; anyone else as the enrollment named them.
    const masked = (m.kind === "matched" ? maskOf.get(m.key) : undefined) ?? maskIdentifier(record.student);
    enrollments.push({ record, key: m.key, masked });
  }
  return { pupils, enrollments, sector: input.sector, today: input.today };
}

const byKeyThenEnrollment = (a: DataQualityItem, b: DataQualityItem) =>
  compare(a.studentKey, b.studentKey) || compare(a.enrollmentId ?? "", b.enrollmentId ?? "");
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const pupilItem = (p: Pupil, detail?: string): DataQualityItem => ({
  studentKey: p.key,
  masked: p.masked,
  ...(detail === undefined ? {} : { detail }),
});
const enrollmentItem = (e: Placed, detail: string): DataQualityItem => ({
  studentKey: e.key,
  masked: e.masked,
  enrollmentId: e.record.enrollmentId,
  detail,
});

/** A record's ECK iDs: the master identifier and any userIds entry of type eckId (ERRATA 24: the same identifier). */
function eckIdsOf(r: PersonRef): string[] {
  const out = r.userMasterIdentifier ? [r.userMasterIdentifier] : [];
  for (const u of r.userIds ?? []) if (u.userIdType === "eckId" && u.userId && !out.includes(u.userId)) out.push(u.userId);
  return out;
}

/**
 * The members of every group of two or more, each once (with the size of its largest group), ordered
 * so a group's records stand together: by the group's smallest key, then key.
 */
function groupItems(pupils: readonly Pupil[], labelsOf: (p: Pupil) => string[], counts: (members: Pupil[]) => boolean) {
  const groups = new Map<string, Pupil[]>();
  for (const p of pupils)
    for (const label of labelsOf(p)) {
      const members = groups.get(label);
      if (members) members.push(p);
      else groups.set(label, [p]);
    }
  const found = new Map<Pupil, { size: number; first: string }>();
  for (const members of groups.values()) {
    if (members.length < 2 || !counts(members)) continue;
    const first = members.reduce((min, m) => (m.key < min ? m.key : min), members[0]!.key);
    for (const m of members) {
      const seen = found.get(m);
      found.set(m, { size: Math.max(seen?.size ?? 0, members.length), first: seen && seen.first < first ? seen.first : first });
    }
  }
  return [...found]
    .sort(([a, x], [b, y]) => compare(x.first, y.first) || compare(a.key, b.key))
    .map(([p, { size }]) => pupilItem(p, String(size)));
}

const norm = (v: string | undefined) => (v ?? "").trim().toLowerCase();

/** `YYYY-MM-DD` moved by whole years; a 29 February that does not exist still compares in its place. */
const shiftYears = (day: string, years: number) => `${String(Number(day.slice(0, 4)) + years).padStart(4, "0")}${day.slice(4)}`;

const FIND: Record<DataQualityCheckId, (p: Prepared) => DataQualityItem[]> = {
  // A userIds entry of type eckId is an ECK iD too (ERRATA 24; it is what a registry is asked with), so only a record with neither counts.
  no_eck: ({ pupils }) => pupils.filter((p) => eckIdsOf(p.record).length === 0).map((p) => pupilItem(p)),
  duplicate_eck: ({ pupils }) =>
    groupItems(
      pupils,
      (p) => eckIdsOf(p.record),
      () => true,
    ),
  // Records without a birth date never match: a shared name alone is common (twins by name are not twins).
  duplicate_pupil: ({ pupils }) =>
    groupItems(
      pupils,
      ({ record: r }) => (r.dateOfBirth ? [[r.givenName, r.familyNamePrefix, r.familyName, r.dateOfBirth].map(norm).join("\u0000")] : []),
      // The same key is one pupil listed twice under one identifier: duplicate_eck says that, not this check.
      (members) => new Set(members.map((m) => m.key)).size > 1,
    ),
  ends_before_start: ({ enrollments }) =>
    enrollments
      .filter(({ record: r }) => r.endDate !== undefined && r.endDate < r.beginDate)
      .map((e) => enrollmentItem(e, `${e.record.beginDate} → ${e.record.endDate}`)),
  study_year_out_of_range: ({ enrollments, sector }) => {
    const range = STUDY_YEARS[sector];
    if (!range) return [];
    return enrollments
      .filter(({ record: { studyYear: y } }) => y !== undefined && (y < range[0] || y > range[1]))
      .map((e) => enrollmentItem(e, String(e.record.studyYear)));
  },
  date_far_off: ({ enrollments, today }) => {
    const [from, until] = [shiftYears(today, -YEARS_BACK), shiftYears(today, YEARS_AHEAD)];
    return enrollments.flatMap((e) => {
      const off = [e.record.beginDate, e.record.endDate].filter((d): d is string => d !== undefined && (d < from || d > until));
      return off.length ? [enrollmentItem(e, off.join(", "))] : [];
    });
  },
  subject_without_study: ({ enrollments }) => {
    const studied = new Set(
      enrollments.filter((e) => e.record.enrollmentType === "study").map((e) => e.key + "\u0000" + e.record.schoolPeriod),
    );
    return enrollments
      .filter((e) => e.record.enrollmentType === "subject" && !studied.has(e.key + "\u0000" + e.record.schoolPeriod))
      .map((e) => enrollmentItem(e, e.record.schoolPeriod));
  },
};

/**
 * Who puts each right. A shared ECK iD is nearly always the school registering one pupil twice in its
 * LAS (the LAS hands out the ECK iD it got for that pupil's identity), so the school, not the LAS vendor.
 */
const ACTOR: Record<DataQualityCheckId, DataQualityActor> = {
  no_eck: "school",
  duplicate_eck: "school",
  duplicate_pupil: "school",
  ends_before_start: "school",
  study_year_out_of_range: "school",
  date_far_off: "school",
  subject_without_study: "school",
};

/**
 * The checks that conclude from a record's absence (a subject enrollment without a study enrollment):
 * while a mass change of the school's LAS lists waits for review (lib/features/mass-change/guard.ts)
 * they conclude nothing, since the missing record may be one the LAS's last answer lost. The others
 * find what is wrong in records that are there, and stand.
 */
export const FROM_ABSENCE: ReadonlySet<DataQualityCheckId> = new Set(["subject_without_study"]);

/** A check that concludes nothing now (FROM_ABSENCE while a change waits): no count, no items, and why. */
export function notKnownCheck(id: DataQualityCheckId): DataQualityCheck {
  return { id, actor: ACTOR[id], count: 0, items: [], notKnown: "mass_change" };
}

/** Ordered by key, then enrollment (the duplicate checks keep each group together instead). */
const ORDERED = new Set<DataQualityCheckId>(["duplicate_eck", "duplicate_pupil"]);

/** One check's items, all of them (the CSV). */
export function checkItems(id: DataQualityCheckId, prepared: Prepared): DataQualityItem[] {
  const items = FIND[id](prepared);
  return ORDERED.has(id) ? items : items.sort(byKeyThenEnrollment);
}

/** One check as the answer gives it: the full count, at most `cap` items. */
export function runCheck(id: DataQualityCheckId, prepared: Prepared, cap = ITEM_CAP): DataQualityCheck {
  const items = checkItems(id, prepared);
  return { id, actor: ACTOR[id], count: items.length, items: items.length > cap ? items.slice(0, cap) : items };
}

/** The checks that apply to a school of this sector (the study-year range is known for PO and VO only). */
export function checksFor(sector: SchoolConfig["sector"]): DataQualityCheckId[] {
  return DATA_QUALITY_CHECK_IDS.filter((id) => id !== "study_year_out_of_range" || STUDY_YEARS[sector] !== undefined);
}

/** Every check that applies, over one school's records. */
export function runChecks(input: CheckInput): DataQualityCheck[] {
  const prepared = prepare(input);
  return checksFor(input.sector).map((id) => runCheck(id, prepared));
}
