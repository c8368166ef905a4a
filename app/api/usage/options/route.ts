import { staffRoute } from "@/lib/api/route";
import { usageOptions } from "@/lib/contracts/usage";
import { enrollmentOptions, listSchoolEnrollments } from "@/lib/features/enrollments/enrollments";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { referenceDate } from "@/lib/features/usage/usage";

export const dynamic = "force-dynamic";

// GET /api/usage/options – the offerings a coverage can be run for (from the enrollments), and the date taken as today. No personal data.
export const GET = staffRoute({ action: "usage.read", response: usageOptions.response }, async ({ schoolId }) => {
  const { client } = getEduvRuntime();
  const school = client.config.schools.find((s) => s.id === schoolId)!;
  const list = await listSchoolEnrollments(client, school, {});
  const { studyOfferings, subjectOfferings } = enrollmentOptions(list.rows);
  return { json: { studyOfferings, subjectOfferings, today: referenceDate(), referenceDateSet: !!process.env.LDB_REFERENCE_DATE } };
});
