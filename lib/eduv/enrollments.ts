import "server-only";
import { personHash } from "@/lib/db/access-log";
import { AnswerCache } from "./cache";
import { EduvClient } from "./client";
import { SourceError } from "./errors";
import type { ListReport } from "./lenient";
import { listEnrollments } from "./operations";
import { schoolQueryFor } from "./params";
import type { Enrollment } from "./schemas/enrollment";
import type { SchoolConfig } from "./sources-config";

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

/** Filters the Source applies itself (Edu-V query parameters): never repeated on our side. */
export type EnrollmentSourceFilter = { enrollmentType?: "study" | "subject"; schoolPeriodId?: string; studyOfferingId?: string; subjectOfferingId?: string };

type Cached = { rows: EnrollmentRow[]; report: ListReport };

export function toEnrollmentRow(e: Enrollment): EnrollmentRow {
  const student = e.student.userMasterIdentifier ?? `${e.student.userIds?.[0]?.userIdType}:${e.student.userIds?.[0]?.userId}`;
  return {
    id: e.enrollmentId,
    studentKey: personHash(student).slice(0, 32),
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

const cache = new AnswerCache<Cached>({
  maxEntries: Number(process.env.BFF_CACHE_MAX_ENTRIES ?? 50),
  maxBytes: Number(process.env.BFF_CACHE_MAX_BYTES ?? 256 * 1024 * 1024),
  ttlMs: Number(process.env.BFF_CACHE_TTL_SECONDS ?? 120) * 1000,
});

export async function listSchoolEnrollments(client: EduvClient, school: SchoolConfig, filter: EnrollmentSourceFilter, opts: { refresh?: boolean } = {}) {
  const source = client.config.sources.find((s) => s.apis.includes("enrollments") && s.schools.includes(school.id));
  if (!source) throw new SourceError("not_configured", "(none)", { detail: "no Source serves enrollments for this school" });
  const query = { ...schoolQueryFor(school), ...filter };
  const key = AnswerCache.key({ sourceId: source.id, schoolId: school.id, operationId: listEnrollments.operationId, query, scopes: EduvClient.scopesFor(listEnrollments, source) });
  const { value, ageMs } = await cache.get(key, async () => {
    const result = await client.call(listEnrollments, source.id, { query });
    return { value: { rows: result.records.map(toEnrollmentRow), report: result.report! }, bytes: result.meta.bytes };
  }, opts);
  return { ...value, ageMs };
}

/** `tobedeleted` records are hidden unless asked for, and always counted; then one page. */
export function pageEnrollments(rows: readonly EnrollmentRow[], opts: { includeToBeDeleted: boolean; page: number; pageSize: number }) {
  const hidden = rows.filter((r) => r.status === "tobedeleted").length;
  const shown = opts.includeToBeDeleted ? rows : rows.filter((r) => r.status !== "tobedeleted");
  const start = (opts.page - 1) * opts.pageSize;
  return { total: shown.length, toBeDeleted: hidden, rows: shown.slice(start, start + opts.pageSize) };
}
