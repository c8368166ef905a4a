import { staffRoute } from "@/lib/api/route";
import { enrollmentsList } from "@/lib/contracts/enrollments";
import { can } from "@/lib/auth/permissions";
import { readEnrollmentPage } from "@/lib/features/enrollments/enrollment-page";

export const dynamic = "force-dynamic";

// GET /api/enrollments – the current school's enrollments, filtered by the Source (type, period, offering), one page.
// The Inschrijvingen page shows the same read, rendered on the server; this route answers its refresh.
export const GET = staffRoute(
  {
    action: "enrollments.read",
    audit: { dataKind: "enrollments", action: "list" },
    query: enrollmentsList.query,
    response: enrollmentsList.response,
    limits: ({ query }) => (query.refresh === "1" ? ["refresh"] : []),
  },
  async ({ staff, schoolId, query }) => {
    const { value, access } = await readEnrollmentPage(schoolId, query, { names: can(staff, "students.read", schoolId) });
    return { json: value, access };
  },
);
