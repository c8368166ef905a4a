import "server-only";
import { personHash } from "@/lib/privacy/person-hash";
import { AnswerCache } from "@/lib/sources/answer-cache";
import { EduvClient } from "@/lib/sources/transport/client";
import { SourceError } from "@/lib/sources/errors";
import type { ListReport } from "@/lib/sources/reading/parse-list";
import { listEmployeeAssignments } from "@/lib/sources/operations";
import { schoolReferenceFor } from "@/lib/sources/transport/request-params";
import type { Assignment } from "@/lib/sources/reading/schemas/assignment";
import type { SchoolConfig } from "@/lib/sources/config";
import { NO_STUDENTS, type Match, type PersonRef } from "@/lib/sources/reading/identity";
import type { AssignmentRow } from "@/lib/contracts/employees";
import { studentIdentity } from "../students/students";

/** An assignment as the browser sees it: a coached student only as an opaque key (the contract, lib/contracts/employees.ts). */
export type { AssignmentRow } from "@/lib/contracts/employees";

export type EmployeeRef = { userIdType: string; userId: string };
/** Filters the Source applies itself (Edu-V query options): never repeated on our side. */
export type AssignmentSourceFilter = { assignmentType?: "class-teacher" | "teacher" | "coach"; schoolPeriodId?: string };

/** The answer as cached: the rows without student keys, and each coached student as the Source named them. */
type Cached = { rows: AssignmentRow[]; refs: Array<PersonRef | undefined>; report: ListReport };

/** The browser's row; `match` gives a coached student's key, matched to the school's students on any shared identifier. */
export function toAssignmentRow(a: Assignment, match: (ref: PersonRef) => Match = NO_STUDENTS.matcher()): AssignmentRow {
  const m = a.student ? match(a.student) : undefined;
  return {
    id: a.assignmentId,
    type: a.assignmentType,
    group: a.group,
    subject: a.subject,
    studentKey: m?.key,
    schoolPeriod: a.schoolPeriod,
    beginDate: a.beginDate,
    endDate: a.endDate,
    status: a.status,
    ...(m?.kind === "ambiguous" ? { studentAmbiguous: true as const } : {}),
  };
}

const cache = AnswerCache.shared<Cached>("assignments");

/** One employee's assignments at a school (POST /assignments/school/employee, identifier in the body), cached briefly. */
export async function listAssignmentsOf(
  client: EduvClient,
  school: SchoolConfig,
  employee: EmployeeRef,
  filter: AssignmentSourceFilter,
  opts: { refresh?: boolean } = {},
) {
  const source = client.config.sources.find((s) => s.apis.includes("assignments") && s.schools.includes(school.id));
  if (!source) throw new SourceError("not_configured", "(none)", { detail: "no Source serves assignments for this school" });
  // The cache key holds a keyed hash of the employee, not the identifier.
  const query = { ...filter, employee: personHash(`${employee.userIdType}:${employee.userId}`) };
  const key = AnswerCache.key({
    sourceId: source.id,
    schoolId: school.id,
    operationId: listEmployeeAssignments.operationId,
    query,
    scopes: EduvClient.scopesFor(listEmployeeAssignments, source),
  });
  const { value, ageMs } = await cache.get(
    key,
    async () => {
      const result = await client.call(listEmployeeAssignments, source.id, {
        query: filter,
        body: {
          school: schoolReferenceFor(school),
          employee: { userIds: [{ userId: employee.userId, userIdType: employee.userIdType as "NEPRI" }] },
        },
      });
      const refs = result.records.map((a) => a.student);
      return { value: { rows: result.records.map((a) => toAssignmentRow(a)), refs, report: result.report! }, bytes: result.meta.bytes };
    },
    opts,
  );
  // Only an answer that names pupils (coach assignments) needs the student list to key them.
  if (!value.refs.some(Boolean)) return { rows: value.rows, report: value.report, ageMs };
  const match = (await studentIdentity(client, school)).matcher();
  const rows = value.rows.map((r, i): AssignmentRow => {
    const ref = value.refs[i];
    if (!ref) return r;
    const m = match(ref);
    // The cached rows were keyed without students (never ambiguous): only the key is replaced.
    return m.kind === "ambiguous" ? { ...r, studentKey: m.key, studentAmbiguous: true } : { ...r, studentKey: m.key };
  });
  return { rows, report: value.report, ageMs };
}

const ORDER: Record<string, number> = { "class-teacher": 0, teacher: 1, coach: 2 };

/** `tobedeleted` hidden unless asked for, and counted; class-teacher, teacher, coach in that order. */
export function shownAssignments(rows: readonly AssignmentRow[], opts: { includeToBeDeleted: boolean }) {
  const toBeDeleted = rows.filter((r) => r.status === "tobedeleted").length;
  const shown = (opts.includeToBeDeleted ? [...rows] : rows.filter((r) => r.status !== "tobedeleted")).sort(
    (a, b) => (ORDER[a.type] ?? 9) - (ORDER[b.type] ?? 9) || (a.subject ?? a.group ?? "").localeCompare(b.subject ?? b.group ?? ""),
  );
  return { total: shown.length, toBeDeleted, rows: shown };
}
