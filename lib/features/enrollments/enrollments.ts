import "server-only";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { AnswerCache } from "@/lib/sources/answer-cache";
import { EduvClient } from "@/lib/sources/transport/client";
import { enrollmentState, statusKind } from "@/lib/sources/reading/enrollment-status";
import { SourceError } from "@/lib/sources/errors";
import type { ListReport } from "@/lib/sources/reading/parse-list";
import { listEnrollments } from "@/lib/sources/operations";
import { schoolQueryFor } from "@/lib/sources/transport/request-params";
import type { Enrollment } from "@/lib/sources/reading/schemas/enrollment";
import type { SchoolConfig } from "@/lib/sources/config";
import { NO_STUDENTS, type Match, type PersonMatcher, type PersonRef } from "@/lib/sources/reading/identity";
import type { EnrollmentOptions, EnrollmentRow, EnrollmentView } from "@/lib/contracts/enrollments";
import { filteredFlags, flagsOf, guardWholeList, wholeSchool } from "../mass-change/guard";
import { studentIdentity } from "../students/students";
import { referenceDate } from "../usage/usage";

/**
 * An enrollment as the browser sees it (the student only as an opaque key; names come from the
 * student list), and a row as a page shows it: with whether it holds on the reference date, by the
 * one rule (enrollment-status.ts) class coverage follows too. Not cached: the date moves on.
 */
export type { EnrollmentOptions, EnrollmentRow, EnrollmentView } from "@/lib/contracts/enrollments";

function viewOf(r: EnrollmentRow, today: string): EnrollmentView {
  return { ...r, enrolledNow: enrollmentState(r, today) };
}

/** Filters the Source applies itself (Edu-V query parameters): never repeated on our side. */
export type EnrollmentSourceFilter = {
  enrollmentType?: "study" | "subject";
  schoolPeriodId?: string;
  studyOfferingId?: string;
  subjectOfferingId?: string;
};

/**
 * The answer as cached: the rows without their student keys, each row's student as the Source named
 * it, and its size as the Source sent it (the mass-change guard keeps the last good one within a byte budget).
 */
type Cached = { rows: EnrollmentRow[]; refs: PersonRef[]; report: ListReport; bytes: number };

/**
 * Enrollments the LAS sent that it has not withdrawn: those flagged `tobedeleted` left out (a LAS
 * that flags half its enrollments for deletion has lost them as surely as one that sends half),
 * those it sent unreadable counted in (a record that could not be read is no enrollment lost).
 */
export function standingEnrollments(answer: Pick<Cached, "rows" | "report">): number {
  let withdrawn = 0;
  for (const r of answer.rows) if (r.status === "tobedeleted") withdrawn++;
  return answer.report.received - withdrawn;
}

/** The browser's row; `match` gives the student's key (one answer's rows share `PersonMatcher.matcher()`). */
export function toEnrollmentRow(e: Enrollment, match: (ref: PersonRef) => Match = NO_STUDENTS.matcher()): EnrollmentRow {
  const m = match(e.student);
  return {
    id: e.enrollmentId,
    studentKey: m.key,
    type: e.enrollmentType,
    offering: (e.enrollmentType === "subject" ? e.subject : e.study) ?? "",
    studyYear: e.studyYear,
    schoolPeriod: e.schoolPeriod,
    location: e.location?.name,
    beginDate: e.beginDate,
    endDate: e.endDate,
    status: e.status,
    ...(m.kind === "ambiguous" ? { studentAmbiguous: true as const } : {}),
  };
}

/** The rows of one answer, each student matched to the school's students by `identity` (any shared identifier). */
export function toEnrollmentRows(records: readonly Enrollment[], identity: PersonMatcher = NO_STUDENTS): EnrollmentRow[] {
  const match = identity.matcher();
  return records.map((e) => toEnrollmentRow(e, match));
}

/** A cached answer's rows under one student list: computed once per pair (the list is cached too). */
const matchedRows = new WeakMap<Cached, { identity: PersonMatcher; rows: EnrollmentRow[]; ambiguous: number }>();

function withStudents(cached: Cached, identity: PersonMatcher): { rows: EnrollmentRow[]; ambiguous: number } {
  const memo = matchedRows.get(cached);
  if (memo?.identity === identity) return memo;
  const match = identity.matcher();
  let ambiguous = 0;
  const rows = cached.rows.map((r, i): EnrollmentRow => {
    const m = match(cached.refs[i]!);
    if (m.kind !== "ambiguous") return { ...r, studentKey: m.key };
    ambiguous++;
    return { ...r, studentKey: m.key, studentAmbiguous: true };
  });
  const out = { identity, rows, ambiguous };
  matchedRows.set(cached, out);
  return out;
}

const cache = AnswerCache.shared<Cached>("enrollments");

/**
 * A school's enrollments (filtered by the Source), each student matched to the school's student list
 * on any shared identifier, so a pupil has the key the student list gives them whichever identifier
 * the enrollment used; `ambiguous` counts the rows matched to nobody because the match was ambiguous.
 * Without the student list (the LAS refuses it) every student keeps the key of its own identifier.
 * `identity`: the matcher of a student list the caller has just read, so it is not asked for again.
 * The whole school's enrollments pass the mass-change guard (lib/features/mass-change/guard.ts): an
 * answer that lost too many is not served while the last good one is held (`held`), or is served
 * marked `suspect`; a filtered list is marked `suspect` while its whole list's change waits.
 */
export async function listSchoolEnrollments(
  client: EduvClient,
  school: SchoolConfig,
  filter: EnrollmentSourceFilter,
  opts: { refresh?: boolean; identity?: PersonMatcher } = {},
) {
  const source = client.config.sources.find((s) => s.apis.includes("enrollments") && s.schools.includes(school.id));
  if (!source) throw new SourceError("not_configured", "(none)", { detail: "no Source serves enrollments for this school" });
  const query = { ...schoolQueryFor(school), ...filter };
  const key = AnswerCache.key({
    sourceId: source.id,
    schoolId: school.id,
    operationId: listEnrollments.operationId,
    query,
    scopes: EduvClient.scopesFor(listEnrollments, source),
  });
  const [{ value, ageMs }, identity] = await Promise.all([
    cache.get(
      key,
      async () => {
        const result = await client.call(listEnrollments, source.id, { query });
        const refs = result.records.map((e) => e.student);
        // Keys are given per student list (withStudents); the cached rows carry none.
        const rows = result.records.map((e) => toEnrollmentRow(e, () => ({ kind: "unmatched", key: "" })));
        return { value: { rows, refs, report: result.report!, bytes: result.meta.bytes }, bytes: result.meta.bytes };
      },
      opts,
    ),
    opts.identity ?? studentIdentity(client, school, opts),
  ]);
  const at = Date.now() - ageMs;
  const served = wholeSchool(filter)
    ? await guardWholeList(school.id, "enrollments", {
        value,
        count: standingEnrollments(value),
        at,
        bytes: value.bytes,
        sourceId: source.id,
      })
    : { value, at, ...(await filteredFlags(school.id, "enrollments")) };
  const { rows, ambiguous } = withStudents(served.value, identity);
  // `refs`: each row's student as the Source named it (same order), for whoever masks an unmatched one (data quality).
  return { rows, refs: served.value.refs, report: served.value.report, ambiguous, ageMs: Date.now() - served.at, ...flagsOf(served) };
}

/**
 * Study year and location have no Edu-V query option, so they are filtered here; `tobedeleted`
 * records are hidden unless asked for, and always counted; then one page. Each row says whether it
 * holds on `today` (the reference date by default); rows whose status nobody knows are shown, marked
 * `unknown`, and counted; so are rows whose student matched nobody because the match was ambiguous
 * (`ambiguousStudent`).
 */
export function pageEnrollments(
  all: readonly EnrollmentRow[],
  opts: { includeToBeDeleted: boolean; page: number; pageSize: number; studyYear?: number; location?: string; today?: string },
) {
  const today = opts.today ?? referenceDate();
  const rows =
    opts.studyYear === undefined && !opts.location
      ? all
      : all.filter(
          (r) => (opts.studyYear === undefined || r.studyYear === opts.studyYear) && (!opts.location || r.location === opts.location),
        );
  let hidden = 0;
  let unknownStatus = 0;
  let ambiguousStudent = 0;
  for (const r of rows) {
    if (r.studentAmbiguous) ambiguousStudent++;
    const kind = statusKind(r.status);
    if (kind === "tobedeleted") hidden++;
    else if (kind === "unknown") unknownStatus++;
  }
  const shown = opts.includeToBeDeleted ? rows : rows.filter((r) => r.status !== "tobedeleted");
  const start = (opts.page - 1) * opts.pageSize;
  return {
    total: shown.length,
    toBeDeleted: hidden,
    unknownStatus,
    ambiguousStudent,
    today,
    rows: shown.slice(start, start + opts.pageSize).map((r) => viewOf(r, today)),
  };
}

const optionsCache = new WeakMap<readonly EnrollmentRow[], Map<string, EnrollmentOptions>>();
const byStudentCache = new WeakMap<readonly EnrollmentRow[], Map<string, EnrollmentRow[]>>();
const collator = new Intl.Collator("nl", { numeric: true });

/**
 * The filter options of a school's enrollments on `today` (the reference date by default). Offerings
 * are listed unless all their enrollments are `tobedeleted`; their counts follow the one rule
 * (enrollment-status.ts): `count` only the enrollments that hold now, `unknownStatus` those whose
 * status nobody knows (listed, never counted as current).
 */
export function enrollmentOptions(rows: readonly EnrollmentRow[], today: string = referenceDate()): EnrollmentOptions {
  let byDay = optionsCache.get(rows);
  if (!byDay) optionsCache.set(rows, (byDay = new Map()));
  let out = byDay.get(today);
  if (!out) {
    const periods = new Set<string>();
    type Entry = { id: string; studyYear?: number; count: number; unknownStatus?: number };
    const study = new Map<string, Entry>();
    const subject = new Map<string, Entry>();
    const years = new Set<number>();
    const locations = new Set<string>();
    for (const r of rows) {
      periods.add(r.schoolPeriod);
      if (r.status !== "tobedeleted" && r.studyYear !== undefined) years.add(r.studyYear);
      if (r.location) locations.add(r.location);
      if (r.status === "tobedeleted" || !r.offering) continue;
      const map = r.type === "subject" ? subject : study;
      const entry = map.get(r.offering) ?? { id: r.offering, ...(r.type === "study" ? { studyYear: r.studyYear } : {}), count: 0 };
      const state = enrollmentState(r, today);
      if (state === "current") entry.count++;
      else if (state === "unknown") entry.unknownStatus = (entry.unknownStatus ?? 0) + 1;
      map.set(r.offering, entry);
    }
    const byId = (a: { id: string }, b: { id: string }) => collator.compare(a.id, b.id);
    out = {
      periods: [...periods].sort(collator.compare).reverse(),
      studyOfferings: [...study.values()].sort(byId),
      subjectOfferings: [...subject.values()].sort(byId),
      studyYears: [...years].sort((a, b) => a - b),
      locations: [...locations].sort(collator.compare),
    };
    byDay.set(today, out);
  }
  return out;
}

/**
 * One student's enrollments (tobedeleted included, marked by their status), from the school's list,
 * each saying whether it holds on `today` (the reference date by default).
 */
export function enrollmentsOfStudent(
  rows: readonly EnrollmentRow[],
  studentKey: string,
  today: string = referenceDate(),
): EnrollmentView[] {
  let index = byStudentCache.get(rows);
  if (!index) {
    index = new Map();
    for (const r of rows) {
      const list = index.get(r.studentKey);
      if (list) list.push(r);
      else index.set(r.studentKey, [r]);
    }
    byStudentCache.set(rows, index);
  }
  return (index.get(studentKey) ?? []).map((r) => viewOf(r, today));
}

/**
 * The periods and offerings of the school `schoolId` (no personal data), for filters, from the running
 * dashboard's Sources: as GET /api/enrollments/options answers them and a server-rendered page gets them.
 */
export async function readEnrollmentOptions(schoolId: string): Promise<EnrollmentOptions & { ageSeconds: number }> {
  const { client } = getEduvRuntime();
  const school = client.config.schools.find((s) => s.id === schoolId)!;
  const list = await listSchoolEnrollments(client, school, {});
  return { ...enrollmentOptions(list.rows), ageSeconds: Math.round(list.ageMs / 1000) };
}
