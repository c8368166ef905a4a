import "server-only";
import type { AvgConsentState, AvgProvider } from "@/lib/contracts/access-log";
import type { MatrixCell } from "@/lib/contracts/consent";
import type { Db } from "@/lib/db/client";
import type { AccessLogRow } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locale";
import type { SourcesConfig } from "@/lib/sources/config";
import { consentApisOf, scopesForApi } from "../consent/catalog";
import { consentOverview } from "../consent/overview";

type State = { state: AvgConsentState; since: string | null };

const KNOWN: Readonly<Record<string, AvgConsentState>> = { confirmed: "given", refused: "refused", revoked: "revoked" };

/**
 * Where the consent of one Provider × API stands, from the Toestemming page's matrix cell: a
 * withdrawal by the school (unless the Provider refused it) is "revoked"; else our latest request
 * (a concept was never sent, a failed one never arrived: neither asked anything); else what the
 * Provider reports without a request of ours; else none.
 */
export function consentStateOf(cell: Pick<MatrixCell, "withdrawal" | "request" | "known">): State {
  if (cell.withdrawal && cell.withdrawal.status !== "failed") return { state: "revoked", since: cell.withdrawal.createdAt };
  const r = cell.request;
  if (r && r.status !== "concept" && r.status !== "failed") {
    const state = r.status === "confirmed" ? "given" : r.status === "refused" ? "refused" : r.status === "revoked" ? "revoked" : "asked";
    return { state, since: r.changedAt };
  }
  if (cell.known) return { state: KNOWN[cell.known.providerStatus] ?? "asked", since: cell.known.changedAt };
  return { state: "none", since: null };
}

/**
 * The Providers serving the school, per consent API they serve the dashboard through: which data
 * (scopes) under which consent, and how many of this pupil's logged reads asked them about the pupil
 * by identifier. Only a licence lookup does (usage-api: every Licentieregistratie and Aanspraakmanager
 * of the school is asked); the LAS is read by whole-school lists, so for its APIs that count is null.
 * A Source outside the Edu-V Consent API (no consent endpoints) is listed as "unmanaged": its consent
 * is arranged outside the dashboard.
 */
export async function providersOfPupil(
  db: Db,
  config: SourcesConfig,
  schoolId: string,
  pupilRows: readonly Pick<AccessLogRow, "dataKind" | "outcome">[],
  lang: Locale,
): Promise<AvgProvider[]> {
  const { matrix } = await consentOverview(db, config, schoolId, {}, lang);
  const lookups = pupilRows.filter((r) => r.dataKind === "usage" && r.outcome === "served").length;
  return config.sources
    .filter((s) => s.schools.includes(schoolId))
    .flatMap((source) =>
      consentApisOf(source).map((api): AvgProvider => {
        const cell = matrix.rows.find((r) => r.providerId === source.id)?.cells.find((c) => c.api === api && c.offered);
        const { state, since } = cell ? consentStateOf(cell) : { state: "unmanaged" as const, since: null };
        return {
          providerId: source.id,
          providerName: source.name,
          api,
          scopes: cell?.request?.scopes ?? scopesForApi(api).needed,
          state,
          since,
          askedAboutPupil: api === "usage-api" ? lookups : null,
        };
      }),
    );
}
