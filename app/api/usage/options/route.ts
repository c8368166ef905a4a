import { staffRoute } from "@/lib/api/route";
import { usageOptions } from "@/lib/contracts/usage";
import { readUsageOptions } from "@/lib/features/usage/usage-options";

export const dynamic = "force-dynamic";

// GET /api/usage/options – the offerings a coverage can be run for (from the enrollments), and the date taken as today. No personal data.
export const GET = staffRoute({ action: "usage.read", response: usageOptions.response }, async ({ schoolId }) => ({
  json: await readUsageOptions(schoolId),
}));
