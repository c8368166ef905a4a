import "server-only";
import type { BodyOf, ResponseOf } from "@/lib/contracts/define";
import type { studentsList } from "@/lib/contracts/students";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { listSchoolStudents, pageStudents } from "./students";

type Body = BodyOf<typeof studentsList>;
type Answer = ResponseOf<typeof studentsList>;

/**
 * One page of the school's students, filtered by the Source (period, offerings), searched and sorted
 * here, as POST /api/students answers it and the Leerlingen page shows its first page: with its
 * access-log entry (the pupils on the page).
 */
export async function readStudentPage(
  schoolId: string,
  body: Body,
): Promise<{ value: Answer; access: { dataKind: "students"; action: "list"; personCount: number } }> {
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
    value: {
      ...page,
      page: body.page,
      pageSize: body.pageSize,
      ageSeconds: Math.round(list.ageMs / 1000),
      invalid: { count: list.report.invalid.count, paths: list.report.invalid.paths },
      unknownEnumValues: list.report.unknownEnumValues,
    },
    access: { dataKind: "students", action: "list", personCount: page.rows.length },
  };
}
