import "server-only";
import { AnswerCache } from "./cache";
import { EduvClient } from "./client";
import { enrollmentState, statusKind, type EnrollmentState } from "./enrollment-status";
import { SourceError } from "./errors";
import type { ListReport } from "./lenient";
import { listEnrollments } from "./operations";
import { schoolQueryFor } from "./params";
import type { Enrollment } from "./schemas/enrollment";
import type { SchoolConfig } from "./sources-config";
import { primaryIdentifier, studentKey } from "./students";
import { referenceDate } from "./usage";

/** An enrollment as the browser sees it: the student only as an opaque key (names come from the student list). */
export type EnrollmentRow = {
  id: string;
  studentKey: string;
  type: string;
  offering: string;
  studyYear?: number;
  schoolPeriod: string;
  location?: string;
  beginDate: string;
  endDate?: string;
  status: string;
};

/**
 * A row as a page shows it: with whether it holds on the reference date, by the one rule
 * (enrollment-status.ts) class coverage follows too. Not cached: the date moves on.
 */
export type EnrollmentView = EnrollmentRow & { enrolledNow: EnrollmentState };

function viewOf(r: EnrollmentRow, today: string): EnrollmentView {
  return { ...r, enrolledNow: enrollmentState(r, today) };
}

/** Filters the Source applies itself (Edu-V query parameters): never repeated on our side. */
export type EnrollmentSourceFilter = { enrollmentType?: "study" | "subject"; schoolPeriodId?: string; studyOfferingId?: string; subjectOfferingId?: string };

type Cached = { rows: EnrollmentRow[]; report: ListReport };

/**
 * Each pupil's opaque key within one answer: a school's 45,000 enrollments name its 3,000 pupils
 * fifteen times each, and a keyed hash costs a few µs.
 */
function pupilKeys(): (identifier: string) => string {
  const keys = new Map<string, string>();
  let lastIdentifier: string | undefined;
  let lastKey = "";
  return (identifier) => {
    // A Source lists a pupil's enrollments together (the sandbox does): comparing with the previous
    // pupil's identifier is cheaper than hashing a freshly parsed 150-character string for the map.
    if (identifier === lastIdentifier) return lastKey;
    let key = keys.get(identifier);
    if (key === undefined) keys.set(identifier, (key = studentKey(identifier)));
    lastIdentifier = identifier;
    lastKey = key;
    return key;
  };
}

/** The browser's row; `keyOf` gives the student's opaque key (one answer's rows share `pupilKeys`). */
export function toEnrollmentRow(e: Enrollment, keyOf: (identifier: string) => string = studentKey): EnrollmentRow {
  return {
    id: e.enrollmentId,
    studentKey: keyOf(primaryIdentifier(e.student)),
    type: e.enrollmentType,
    offering: (e.enrollmentType === "subject" ? e.subject : e.study) ?? "",
    studyYear: e.studyYear,
    schoolPeriod: e.schoolPeriod,
    location: e.location?.name,
    beginDate: e.beginDate,
    endDate: e.endDate,
    status: e.status,
  };
}

export function toEnrollmentRows(records: readonly Enrollment[]): EnrollmentRow[] {
  const keyOf = pupilKeys();
  return records.map((e) => toEnrollmentRow(e, keyOf));
}

const cache = AnswerCache.fromEnv<Cached>();

export async function listSchoolEnrollments(client: EduvClient, school: SchoolConfig, filter: EnrollmentSourceFilter, opts: { refresh?: boolean } = {}) {
  const source = client.config.sources.find((s) => s.apis.includes("enrollments") && s.schools.includes(school.id));
  if (!source) throw new SourceError("not_configured", "(none)", { detail: "no Source serves enrollments for this school" });
  const query = { ...schoolQueryFor(school), ...filter };
  const key = AnswerCache.key({ sourceId: source.id, schoolId: school.id, operationId: listEnrollments.operationId, query, scopes: EduvClient.scopesFor(listEnrollments, source) });
  const { value, ageMs } = await cache.get(key, async () => {
    const result = await client.call(listEnrollments, source.id, { query });
    return { value: { rows: toEnrollmentRows(result.records), report: result.report! }, bytes: result.meta.bytes };
  }, opts);
  return { ...value, ageMs };
}

/**
 * Study year and location have no Edu-V query option, so they are filtered here; `tobedeleted`
 * records are hidden unless asked for, and always counted; then one page. Each row says whether it
 * holds on `today` (the reference date by default); rows whose status nobody knows are shown, marked
 * `unknown`, and counted.
 */
export function pageEnrollments(all: readonly EnrollmentRow[], opts: { includeToBeDeleted: boolean; page: number; pageSize: number; studyYear?: number; location?: string; today?: string }) {
  const today = opts.today ?? referenceDate();
  const rows = opts.studyYear === undefined && !opts.location ? all : all.filter((r) => (opts.studyYear === undefined || r.studyYear === opts.studyYear) && (!opts.location || r.location === opts.location));
  let hidden = 0;
  let unknownStatus = 0;
  for (const r of rows) {
    const kind = statusKind(r.status);
    if (kind === "tobedeleted") hidden++;
    else if (kind === "unknown") unknownStatus++;
  }
  const shown = opts.includeToBeDeleted ? rows : rows.filter((r) => r.status !== "tobedeleted");
  const start = (opts.page - 1) * opts.pageSize;
  return { total: shown.length, toBeDeleted: hidden, unknownStatus, today, rows: shown.slice(start, start + opts.pageSize).map((r) => viewOf(r, today)) };
}

/** What the filters offer: the periods and offerings that occur in the school's enrollments (no personal data). */
export type EnrollmentOptions = {
  periods: string[];
  studyOfferings: Array<{ id: string; studyYear?: number; count: number }>;
  subjectOfferings: Array<{ id: string; count: number }>;
  studyYears: number[];
  locations: string[];
};

const optionsCache = new WeakMap<readonly EnrollmentRow[], EnrollmentOptions>();
const byStudentCache = new WeakMap<readonly EnrollmentRow[], Map<string, EnrollmentRow[]>>();
const collator = new Intl.Collator("nl", { numeric: true });

export function enrollmentOptions(rows: readonly EnrollmentRow[]): EnrollmentOptions {
  let out = optionsCache.get(rows);
  if (!out) {
    const periods = new Set<string>();
    const study = new Map<string, { id: string; studyYear?: number; count: number }>();
    const subject = new Map<string, { id: string; count: number }>();
    const years = new Set<number>();
    const locations = new Set<string>();
    for (const r of rows) {
      periods.add(r.schoolPeriod);
      if (r.status !== "tobedeleted" && r.studyYear !== undefined) years.add(r.studyYear);
      if (r.location) locations.add(r.location);
      if (r.status === "tobedeleted" || !r.offering) continue;
      const map = r.type === "subject" ? subject : study;
      const entry = map.get(r.offering) ?? { id: r.offering, ...(r.type === "study" ? { studyYear: r.studyYear } : {}), count: 0 };
      entry.count++;
      map.set(r.offering, entry);
    }
    const byId = (a: { id: string }, b: { id: string }) => collator.compare(a.id, b.id);
    out = { periods: [...periods].sort(collator.compare).reverse(), studyOfferings: [...study.values()].sort(byId), subjectOfferings: [...subject.values()].sort(byId),
      studyYears: [...years].sort((a, b) => a - b), locations: [...locations].sort(collator.compare) };
    optionsCache.set(rows, out);
  }
  return out;
}

/**
 * One student's enrollments (tobedeleted included, marked by their status), from the school's list,
 * each saying whether it holds on `today` (the reference date by default).
 */
export function enrollmentsOfStudent(rows: readonly EnrollmentRow[], studentKey: string, today: string = referenceDate()): EnrollmentView[] {
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
