import { coverageExport } from "@/lib/contracts/coverage";
import { targetOf } from "@/lib/features/coverage/coverage-input";
import { startCoverageRun } from "@/lib/api/limits";
import { staffRoute } from "@/lib/api/route";
import { toCsv } from "@/lib/csv";
import { coverageOf, reasonFor } from "@/lib/features/coverage/coverage";
import { fanOut, pupilsOf } from "@/lib/features/coverage/group";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { referenceDate } from "@/lib/features/usage/usage";

export const dynamic = "force-dynamic";

const REASON: Record<string, string> = {
  licensed: "licentie in orde",
  no_entitlement: "geen aanspraak",
  not_activated: "niet geactiveerd",
  activation_lapsed: "activeringstermijn verlopen",
  cancelled: "geannuleerd",
  blocked: "geblokkeerd",
  expired: "verlopen",
  unknown_status: "status onbekend",
  source_error: "bron gaf geen antwoord",
};

// POST /api/usage/coverage/export – every (product, pupil) of the coverage with its reason, and the licences to reassign or return, as CSV; logged as an export.
export const POST = staffRoute(
  { action: "usage.read", audit: { dataKind: "usage", action: "export" }, body: coverageExport.body, limits: ["export"] },
  async ({ staff, schoolId, body, lang, request }) => {
    const { client } = getEduvRuntime();
    const school = client.config.schools.find((s) => s.id === schoolId)!;
    const today = referenceDate();
    // The answers of the run just shown are cached: this is quick. When they are not, it is a run of its own, so it counts as one.
    const run = startCoverageRun(staff.id, lang);
    if ("refused" in run) return { raw: run.refused, json: null };
    let pupils: Awaited<ReturnType<typeof pupilsOf>>;
    let results: Awaited<ReturnType<typeof fanOut>>;
    try {
      pupils = await pupilsOf(client, school, targetOf(body), today);
      results = await fanOut(client, school, pupils, { signal: request.signal });
    } finally {
      run.release();
    }
    const coverage = coverageOf(results, today);
    const rows: Array<Array<string | undefined>> = [];
    for (const p of coverage.products) {
      const ids = new Set(p.sourceIds);
      for (const r of results) {
        if (!r.current || r.missing) continue;
        const { reason, sourceName } = reasonFor(r, p.productId, ids, today);
        rows.push(["dekking", p.productTitle, p.productId, r.name ?? r.key, REASON[reason], sourceName]);
      }
    }
    // What the rows above rest on: per registry, for how many pupils it answered; and the LAS records that could not be read.
    for (const r of coverage.registries)
      rows.push([
        "antwoorden",
        undefined,
        undefined,
        undefined,
        `antwoordde voor ${r.answered} van ${r.asked} leerlingen (${r.percent} %)`,
        r.sourceName,
      ]);
    if (coverage.unreadableInLas.count)
      rows.push([
        "leerlingadministratie",
        undefined,
        undefined,
        `${coverage.unreadableInLas.count} leerling(en)`,
        `record niet te lezen: ${coverage.unreadableInLas.fields.join(", ")}`,
        undefined,
      ]);
    for (const c of coverage.candidates)
      rows.push([
        c.why === "left_class" ? "niet meer in de groep" : "nooit geactiveerd",
        c.productTitle,
        c.productId,
        c.name ?? c.key,
        c.entitlementStatus,
        c.sourceName,
      ]);
    const csv = toCsv(["onderdeel", "product", "productcode", "leerling", "reden of status", "licentieregistratie"], rows);
    return {
      raw: new Response(csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="licentiedekking-${school.id}.csv"`,
        },
      }),
      json: null,
      access: { dataKind: "usage", action: "export", personCount: pupils.length },
    };
  },
);
