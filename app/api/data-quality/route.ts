import { staffRoute } from "@/lib/api/route";
import { dataQualityList } from "@/lib/contracts/data-quality";
import { dataQualityOf } from "@/lib/features/data-quality/data-quality";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";

export const dynamic = "force-dynamic";

// GET /api/data-quality – the checks over the current school's LAS lists; pupils only by key and masked identifier.
// Logged as a read of the pupil list: the checks read every pupil's record, the answer names those with findings.
export const GET = staffRoute(
  {
    action: "dataquality.read",
    audit: { dataKind: "students", action: "list" },
    query: dataQualityList.query,
    response: dataQualityList.response,
    limits: ({ query }) => (query.refresh === "1" ? ["refresh"] : []),
  },
  async ({ schoolId, query }) => {
    const { client } = getEduvRuntime();
    const school = client.config.schools.find((s) => s.id === schoolId)!;
    const answer = await dataQualityOf(client, school, { refresh: query.refresh === "1" });
    const named = new Set(answer.checks.flatMap((c) => c.items.map((i) => i.studentKey)));
    return { json: answer, access: { dataKind: "students", action: "list", personCount: named.size } };
  },
);
