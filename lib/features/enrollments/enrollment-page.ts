import "server-only";
import type { enrollmentsList } from "@/lib/contracts/enrollments";
import type { QueryOf, ResponseOf } from "@/lib/contracts/define";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { studentNames } from "../students/students";
import { listSchoolEnrollments, pageEnrollments } from "./enrollments";

type Query = QueryOf<typeof enrollmentsList>;
type Answer = ResponseOf<typeof enrollmentsList>;

/**
 * One page of the school's enrollments, filtered by the Source (type, period, offering) and here
 * (study year, location, records to be deleted), as GET /api/enrollments answers it and the
 * Inschrijvingen page shows it: with the pupils' names when `names` (for whom may read the student
 * list; a list that cannot be read leaves names out, not the page), and its access-log entry.
 */
export async function readEnrollmentPage(
  schoolId: string,
  query: Query,
  opts: { names: boolean },
): Promise<{ value: Answer; access: { dataKind: "enrollments"; action: "list"; personCount: number } }> {
  const { client } = getEduvRuntime();
  const school = client.config.schools.find((s) => s.id === schoolId)!;
  const { enrollmentType, schoolPeriodId, studyOfferingId, subjectOfferingId } = query;
  const list = await listSchoolEnrollments(
    client,
    school,
    { enrollmentType, schoolPeriodId, studyOfferingId, subjectOfferingId },
    { refresh: query.refresh === "1" },
  );
  const page = pageEnrollments(list.rows, {
    includeToBeDeleted: query.includeToBeDeleted === "1",
    page: query.page,
    pageSize: query.pageSize,
    studyYear: query.studyYear,
    location: query.location,
  });
  const names = opts.names ? await studentNames(client, school) : new Map<string, string>();
  return {
    value: {
      ...page,
      rows: page.rows.map((r) => ({ ...r, studentName: names.get(r.studentKey) })),
      page: query.page,
      pageSize: query.pageSize,
      ageSeconds: Math.round(list.ageMs / 1000),
      invalid: { count: list.report.invalid.count, paths: list.report.invalid.paths },
    },
    access: { dataKind: "enrollments", action: "list", personCount: new Set(page.rows.map((r) => r.studentKey)).size },
  };
}
