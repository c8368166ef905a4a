import { staffRoute } from "@/lib/api/route";
import { enrollmentsList } from "@/lib/contracts/enrollments";
import { listSchoolEnrollments, pageEnrollments } from "@/lib/features/enrollments/enrollments";
import { can } from "@/lib/auth/permissions";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { studentNames } from "@/lib/features/students/students";

export const dynamic = "force-dynamic";

// GET /api/enrollments – the current school's enrollments, filtered by the Source (type, period, offering), one page.
export const GET = staffRoute(
  {
    action: "enrollments.read",
    audit: { dataKind: "enrollments", action: "list" },
    query: enrollmentsList.query,
    response: enrollmentsList.response,
    limits: ({ query }) => (query.refresh === "1" ? ["refresh"] : []),
  },
  async ({ staff, schoolId, query }) => {
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
    // Names only for those who may read the student list; an unavailable list leaves names out, not the page.
    const names = can(staff, "students.read", schoolId) ? await studentNames(client, school) : new Map<string, string>();
    return {
      json: {
        ...page,
        rows: page.rows.map((r) => ({ ...r, studentName: names.get(r.studentKey) })),
        page: query.page,
        pageSize: query.pageSize,
        ageSeconds: Math.round(list.ageMs / 1000),
        invalid: { count: list.report.invalid.count, paths: list.report.invalid.paths },
      },
      access: { dataKind: "enrollments", action: "list", personCount: new Set(page.rows.map((r) => r.studentKey)).size },
    };
  },
);
