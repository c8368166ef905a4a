import { z } from "zod";
import { staffRoute } from "@/lib/api/route";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { listSchoolStudents, pageStudents } from "@/lib/features/students/students";

export const dynamic = "force-dynamic";

// Everything travels in the body: the name search is (part of) a pupil's name, and a query string
// ends up in proxy and access logs. Only the school (?school=, no person) may be in the URL.
const bodySchema = z.strictObject({
  q: z.string().max(100).optional(),
  schoolPeriodId: z.string().min(1).max(64).optional(),
  studyOfferingId: z.string().min(1).max(128).optional(),
  subjectOfferingId: z.string().min(1).max(128).optional(),
  sort: z.enum(["name", "familyName", "dateOfBirth"]).default("familyName"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  page: z.int().min(1).default(1),
  pageSize: z.int().min(1).max(200).default(50),
  refresh: z.boolean().optional(),
});
// Anything else in the URL is refused, so a client that still sends ?q= learns it at once.
const querySchema = z.strictObject({});

// POST /api/students – one page of the current school's students: filtered by the Source (period, offerings), searched and sorted here.
export const POST = staffRoute({ action: "students.read", audit: { dataKind: "students", action: "list" }, query: querySchema, body: bodySchema, limits: ({ body }) => (body.refresh ? ["refresh"] : []) }, async ({ schoolId, body }) => {
  const { client } = getEduvRuntime();
  const school = client.config.schools.find((s) => s.id === schoolId)!;
  const { schoolPeriodId, studyOfferingId, subjectOfferingId } = body;
  const list = await listSchoolStudents(client, school, { schoolPeriodId, studyOfferingId, subjectOfferingId }, { refresh: body.refresh === true });
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
});
