import { staffRoute } from "@/lib/api/route";
import { studentsList } from "@/lib/contracts/students";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { listSchoolStudents, pageStudents } from "@/lib/features/students/students";

export const dynamic = "force-dynamic";

// Everything travels in the body (lib/contracts/students.ts): the name search is (part of) a pupil's
// name, and a query string ends up in proxy and access logs. Only the school (?school=) may be in the URL.

// POST /api/students – one page of the current school's students: filtered by the Source (period, offerings), searched and sorted here.
export const POST = staffRoute(
  {
    action: "students.read",
    audit: { dataKind: "students", action: "list" },
    query: studentsList.query,
    body: studentsList.body,
    response: studentsList.response,
    limits: ({ body }) => (body.refresh ? ["refresh"] : []),
  },
  async ({ schoolId, body }) => {
    const { client } = getEduvRuntime();
    const school = client.config.schools.find((s) => s.id === schoolId)!;
    const { schoolPeriodId, studyOfferingId, subjectOfferingId } = body;
    const list = await listSchoolStudents(
      client,
      school,
      { schoolPeriodId, studyOfferingId, subjectOfferingId },
      { refresh: body.refresh === true },
    );
    const page = pageStudents(list.rows, body);
    return {
      json: {
        ...page,
        page: body.page,
        pageSize: body.pageSize,
        ageSeconds: Math.round(list.ageMs / 1000),
        invalid: { count: list.report.invalid.count, paths: list.report.invalid.paths },
        unknownEnumValues: list.report.unknownEnumValues,
      },
      access: { dataKind: "students", action: "list", personCount: page.rows.length },
    };
  },
);
