import { staffRoute } from "@/lib/api/route";
import { dataQualityList } from "@/lib/contracts/data-quality";
import { readDataQuality } from "@/lib/features/data-quality/data-quality";

export const dynamic = "force-dynamic";

// GET /api/data-quality – the checks over the current school's LAS lists; pupils only by key and masked identifier.
// Logged as a read of the pupil list: the checks read every pupil's record, the answer names those with findings.
// The page (app/datakwaliteit) shows its first answer from the same read; this route answers the refresh.
export const GET = staffRoute(
  {
    action: "dataquality.read",
    audit: { dataKind: "students", action: "list" },
    query: dataQualityList.query,
    response: dataQualityList.response,
    limits: ({ query }) => (query.refresh === "1" ? ["refresh"] : []),
  },
  async ({ schoolId, query }) => {
    const { value, access } = await readDataQuality(schoolId, { refresh: query.refresh === "1" });
    return { json: value, access };
  },
);
