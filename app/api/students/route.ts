import { z } from "zod";
import { staffRoute } from "@/lib/api/route";
import { getEduvRuntime } from "@/lib/eduv/runtime";
import { listSchoolStudents, pageStudents } from "@/lib/eduv/students";

export const dynamic = "force-dynamic";

const querySchema = z.strictObject({
  q: z.string().max(100).optional(),
  schoolPeriodId: z.string().min(1).max(64).optional(),
  studyOfferingId: z.string().min(1).max(128).optional(),
  subjectOfferingId: z.string().min(1).max(128).optional(),
  sort: z.enum(["name", "familyName", "dateOfBirth"]).default("familyName"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  refresh: z.enum(["1"]).optional(),
});

// GET /api/students – one page of the current school's students: filtered by the Source (period, offerings), searched and sorted here.
export const GET = staffRoute({ action: "students.read", audit: { dataKind: "students", action: "list" }, query: querySchema }, async ({ schoolId, query }) => {
  const { client } = getEduvRuntime();
  const school = client.config.schools.find((s) => s.id === schoolId)!;
  const { schoolPeriodId, studyOfferingId, subjectOfferingId } = query;
  const list = await listSchoolStudents(client, school, { schoolPeriodId, studyOfferingId, subjectOfferingId }, { refresh: query.refresh === "1" });
  const page = pageStudents(list.rows, query);
  return {
    json: {
      ...page,
      page: query.page,
      pageSize: query.pageSize,
      ageSeconds: Math.round(list.ageMs / 1000),
      invalid: { count: list.report.invalid.count, paths: list.report.invalid.paths },
      unknownEnumValues: list.report.unknownEnumValues,
    },
    access: { dataKind: "students", action: "list", personCount: page.rows.length },
  };
});
