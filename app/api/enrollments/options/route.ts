import { staffRoute } from "@/lib/api/route";
import { enrollmentsOptions } from "@/lib/contracts/enrollments";
import { readEnrollmentOptions } from "@/lib/features/enrollments/enrollments";

export const dynamic = "force-dynamic";

// GET /api/enrollments/options – the periods and offerings of the current school, for filters. No personal data.
export const GET = staffRoute({ action: "enrollments.read", response: enrollmentsOptions.response }, async ({ schoolId }) => ({
  json: await readEnrollmentOptions(schoolId),
}));
