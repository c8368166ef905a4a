import { z } from "zod";
import { staffRoute } from "@/lib/api/route";
import { listSchoolEnrollments, pageEnrollments } from "@/lib/features/enrollments/enrollments";
import { can } from "@/lib/auth/permissions";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { studentNames } from "@/lib/features/students/students";

export const dynamic = "force-dynamic";

const querySchema = z.strictObject({
  enrollmentType: z.enum(["study", "subject"]).optional(),
  schoolPeriodId: z.string().min(1).max(64).optional(),
  studyOfferingId: z.string().min(1).max(128).optional(),
  subjectOfferingId: z.string().min(1).max(128).optional(),
  // Any year the Source sent can be chosen (the seeds bound none, ERRATA Reading rules); a safe integer keeps the filter exact.
  studyYear: z.coerce.number().int().min(-1_000_000).max(1_000_000).optional(),
  location: z.string().min(1).max(200).optional(),
  includeToBeDeleted: z.enum(["1"]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  refresh: z.enum(["1"]).optional(),
});

// GET /api/enrollments – the current school's enrollments, filtered by the Source (type, period, offering), one page.
export const GET = staffRoute({ action: "enrollments.read", audit: { dataKind: "enrollments", action: "list" }, query: querySchema, limits: ({ query }) => (query.refresh === "1" ? ["refresh"] : []) }, async ({ staff, schoolId, query }) => {
  const { client } = getEduvRuntime();
  const school = client.config.schools.find((s) => s.id === schoolId)!;
  const { enrollmentType, schoolPeriodId, studyOfferingId, subjectOfferingId } = query;
  const list = await listSchoolEnrollments(client, school, { enrollmentType, schoolPeriodId, studyOfferingId, subjectOfferingId }, { refresh: query.refresh === "1" });
  const page = pageEnrollments(list.rows, { includeToBeDeleted: query.includeToBeDeleted === "1", page: query.page, pageSize: query.pageSize, studyYear: query.studyYear, location: query.location });
  // Names only for those who may read the student list; an unavailable list leaves names out, not the page.
  const names = can(staff, "students.read", schoolId)
    ? await studentNames(client, school)
    : new Map<string, string>();
  return {
    json: { ...page, rows: page.rows.map((r) => ({ ...r, studentName: names.get(r.studentKey) })), page: query.page, pageSize: query.pageSize, ageSeconds: Math.round(list.ageMs / 1000), invalid: { count: list.report.invalid.count, paths: list.report.invalid.paths } },
    access: { dataKind: "enrollments", action: "list", personCount: new Set(page.rows.map((r) => r.studentKey)).size },
  };
});
