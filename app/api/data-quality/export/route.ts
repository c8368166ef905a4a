import { staffRoute } from "@/lib/api/route";
import { dataQualityExport } from "@/lib/contracts/data-quality";
import { toCsv } from "@/lib/csv";
import { dataQualityRows } from "@/lib/features/data-quality/data-quality";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";

export const dynamic = "force-dynamic";

// POST /api/data-quality/export – every record one check found (no cap) as CSV, logged as an export of pupil data.
export const POST = staffRoute(
  { action: "dataquality.read", audit: { dataKind: "students", action: "export" }, body: dataQualityExport.body, limits: ["export"] },
  async ({ schoolId, body }) => {
    const { client } = getEduvRuntime();
    const school = client.config.schools.find((s) => s.id === schoolId)!;
    const items = await dataQualityRows(client, school, body.check);
    const csv = toCsv(
      ["controle", "kenmerk", "sleutel", "inschrijving", "detail"],
      items.map((i) => [body.check, i.masked, i.studentKey, i.enrollmentId, i.detail]),
    );
    return {
      raw: new Response(csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="datakwaliteit-${body.check}-${school.id}.csv"`,
        },
      }),
      json: null,
      access: { dataKind: "students", action: "export", personCount: new Set(items.map((i) => i.studentKey)).size },
    };
  },
);
