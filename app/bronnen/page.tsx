import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { can, schoolsOf } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import type { SourceHealthSummary, SourceStatus } from "@/lib/contracts/sources";
import { probeSources } from "@/lib/features/source-status/probe";
import { localeOf } from "@/lib/i18n/locale";
import { log } from "@/lib/log";
import { sourceHealthSummaries } from "@/lib/runtime/contract-health-flush";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { SourcesConfigError, sourcesServing } from "@/lib/sources/config";
import { pageTitle } from "@/components/shell/page-title";
import { ContractHealth } from "@/components/sources/contract-health";
import { SourcesTable } from "@/components/sources/sources-table";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("sources"));
}

/** The Sources' status as GET /api/sources answers it, or the sources file's error. */
async function loadSources(viewerSchoolIds: readonly string[]): Promise<{ sources: SourceStatus[] } | { error: string }> {
  try {
    const { client } = getEduvRuntime();
    return { sources: (await probeSources(viewerSchoolIds)).map((p) => ({ ...p, lastCall: client.health.get(p.id) ?? null })) };
  } catch (err) {
    if (err instanceof SourcesConfigError) return { error: err.message };
    throw err;
  }
}

/**
 * The shown Sources' contract health (this process's latest attempts flushed first), or null when the store cannot be read.
 * Typed by its contract: the server's SourceSummary must be one (lib/contracts/sources.test.ts also parses a real one).
 */
async function loadHealth(viewerSchoolIds: readonly string[]): Promise<Map<string, SourceHealthSummary> | null> {
  try {
    return await sourceHealthSummaries(sourcesServing(getEduvRuntime().client.config, viewerSchoolIds).map((s) => s.id));
  } catch (err) {
    if (err instanceof SourcesConfigError) return null;
    log().error({ err }, "contract health not read");
    return null;
  }
}

export default async function SourcesPage() {
  const { staff } = await requirePermission("sources.read");
  // Only the Sources that serve one of the viewer's schools, and of their schools only the viewer's.
  const mine = schoolsOf(staff).filter((id) => can(staff, "sources.read", id));
  const t = await getTranslations("sources");
  const lang = localeOf(await getLocale());
  const [result, health] = await Promise.all([loadSources(mine), loadHealth(mine)]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      {"error" in result ? (
        <Notice tone="error" title={t("invalidFile")} titleAs="h2">
          <p className="mt-1 break-words">{result.error}</p>
        </Notice>
      ) : (
        <>
          <SourcesTable sources={result.sources} />
          <ContractHealth sources={result.sources} summaries={health} lang={lang} />
        </>
      )}
    </div>
  );
}
