import { staffRoute } from "@/lib/api/route";
import { dataQualityMassChange } from "@/lib/contracts/mass-change";
import { readMassChange } from "@/lib/features/mass-change/review";

export const dynamic = "force-dynamic";

// GET /api/data-quality/mass-change – per LAS list of the school, the last good answer's count and a change waiting for
// review (counts and times, as of the last whole-school answer read; no Source is asked). Names no pupil: not logged.
export const GET = staffRoute({ action: "dataquality.read", response: dataQualityMassChange.response }, async ({ schoolId }) => ({
  json: await readMassChange(schoolId),
}));
