import { apiError } from "@/lib/api/errors";
import { staffRoute } from "@/lib/api/route";
import { dataQualityExport, isLicenceCheckId } from "@/lib/contracts/data-quality";
import { toCsv } from "@/lib/csv";
import { dataQualityRows } from "@/lib/features/data-quality/data-quality";
import { scanRows } from "@/lib/features/data-quality/run-scan";
import { wordsFor } from "@/lib/i18n/server-words";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";

export const dynamic = "force-dynamic";

// POST /api/data-quality/export – every record one check found (no cap) as CSV, logged as an export of pupil data.
// A check over the LAS lists reads them again; a licence check takes the school's finished scan (409 without one:
// nothing is asked of the registries here, and an empty file would read as "no findings").
export const POST = staffRoute(
  { action: "dataquality.read", audit: { dataKind: "students", action: "export" }, body: dataQualityExport.body, limits: ["export"] },
  async ({ schoolId, body, lang }) => {
    const { client } = getEduvRuntime();
    const school = client.config.schools.find((s) => s.id === schoolId)!;
    const items = isLicenceCheckId(body.check) ? scanRows(schoolId, body.check) : await dataQualityRows(client, school, body.check);
    if (!items) return { raw: apiError("conflict", lang, wordsFor(lang)("apiError.noFinishedScan")), json: null };
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
