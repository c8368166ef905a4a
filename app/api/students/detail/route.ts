import { apiError } from "@/lib/api/errors";
import { staffRoute } from "@/lib/api/route";
import { studentsDetail } from "@/lib/contracts/students";
import { can } from "@/lib/auth/permissions";
import { readStudentDetail } from "@/lib/features/students/student-detail";

export const dynamic = "force-dynamic";

// GET /api/students/detail?key= – one student (masked), their enrollments and the teachers of their lessons. The key is opaque.
// The pupil's page (app/leerlingen/[key]) shows its first answer from the same read.
export const GET = staffRoute(
  {
    action: "students.read",
    audit: { dataKind: "students", action: "detail" },
    query: studentsDetail.query,
    response: studentsDetail.response,
    limits: ["lookup"],
  },
  async ({ staff, schoolId, query, lang }) => {
    const sections = { enrollments: can(staff, "enrollments.read", schoolId), teachers: can(staff, "assignments.read", schoolId) };
    const read = await readStudentDetail(schoolId, query.key, sections, lang);
    if (!read) return { raw: apiError("not_found", lang), json: null };
    return { json: read.value, access: read.access };
  },
);
