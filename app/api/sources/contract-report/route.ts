import { apiError } from "@/lib/api/errors";
import { staffRoute } from "@/lib/api/route";
import { can, schoolsOf } from "@/lib/auth/permissions";
import { sourcesContractReport } from "@/lib/contracts/sources";
import { sourceHealthSummaries } from "@/lib/runtime/contract-health-flush";
import { contractReportName, renderContractReport } from "@/lib/features/source-status/contract-report";
import { loadSourcesConfig, sourcesServing } from "@/lib/sources/config";

export const dynamic = "force-dynamic";

// GET /api/sources/contract-report?source= – the Source's last 7 days of contract health as a Markdown file for its vendor: counts, field paths, statuses, codes, latency; no values.
// Only a Source serving one of the viewer's schools; any other is answered as if it did not exist.
export const GET = staffRoute({ action: "sources.read", query: sourcesContractReport.query }, async ({ staff, query, lang }) => {
  const mine = schoolsOf(staff).filter((id) => can(staff, "sources.read", id));
  const source = sourcesServing(loadSourcesConfig(), mine).find((s) => s.id === query.source);
  if (!source) return { raw: apiError("invalid_input", lang, "query.source: not a Source of your schools"), json: null };
  const now = Date.now();
  const summary = (await sourceHealthSummaries([source.id], now)).get(source.id)!;
  const text = renderContractReport({ source: { id: source.id, name: source.name }, summary, lang });
  const day = new Date(now).toISOString().slice(0, 10);
  const name = `${contractReportName(lang)}-${source.id}-${day}.md`;
  return {
    raw: new Response(text, {
      headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${name}"` },
    }),
    json: null,
  };
});
