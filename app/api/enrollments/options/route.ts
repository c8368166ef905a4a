import { staffRoute } from "@/lib/api/route";
import { enrollmentsOptions } from "@/lib/contracts/enrollments";
import { enrollmentOptions, listSchoolEnrollments } from "@/lib/features/enrollments/enrollments";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";

export const dynamic = "force-dynamic";

// GET /api/enrollments/options – the periods and offerings of the current school, for filters. No personal data.
export const GET = staffRoute({ action: "enrollments.read", response: enrollmentsOptions.response }, async ({ schoolId }) => {
  const { client } = getEduvRuntime();
  const school = client.config.schools.find((s) => s.id === schoolId)!;
  const list = await listSchoolEnrollments(client, school, {});
  return { json: { ...enrollmentOptions(list.rows), ageSeconds: Math.round(list.ageMs / 1000) } };
});
