import { sourcesContractReport } from "@/lib/contracts/sources";

/**
 * The BFF's requests of the Bronnen page. The page itself is rendered on the server (it reads the
 * Sources' status there, as GET /api/sources does); the browser only follows the report's link.
 */

/** GET /api/sources/contract-report: a Source's last 7 days of contract health as Markdown for its vendor. */
export function contractReportHref(sourceId: string): string {
  return `${sourcesContractReport.path}?${new URLSearchParams({ source: sourceId })}`;
}
