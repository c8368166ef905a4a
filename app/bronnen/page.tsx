import type { Metadata } from "next";
import { sourceHealthSummaries } from "@/lib/runtime/contract-health-flush";
import type { SourceSummary } from "@/lib/sources/health/contract-health-summary";
import type { SourceHealth } from "@/lib/sources/health/last-call";
import { probeSources, type SourceProbe } from "@/lib/features/source-status/probe";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { SourcesConfigError, sourcesServing } from "@/lib/sources/config";
import { getLocale, getTranslations } from "next-intl/server";
import { intlLocaleOf, localeOf, type Locale } from "@/lib/i18n/locale";
import { sourceErrorText } from "@/lib/i18n/outcome-words";
import { can, schoolsOf } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import { log } from "@/lib/log";
import { pageTitle } from "@/components/shell/page-title";
import { Notice } from "@/components/ui/notice";
import { ContractHealth } from "./_components/contract-health";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("sources"));
}

type T = Awaited<ReturnType<typeof getTranslations<"sources">>>;

const API_KEY: Record<string, "students" | "enrollments" | "employees" | "usage" | "consent"> = { students: "students", enrollments: "enrollments", assignments: "employees", usage: "usage", consent: "consent" };

function TokenStatus({ token, t, lang }: { token: SourceProbe["token"]; t: T; lang: Locale }) {
  if (token.ok) {
    return (
      <span className="text-green-800">
        <span aria-hidden="true">✓ </span>{t("tokenOk")}
        <span className="block text-xs text-slate-700">
          {token.scopes.join(", ")} · {t("validFor", { seconds: token.expiresInSeconds })}
        </span>
      </span>
    );
  }
  return (
    <span className="text-red-800">
      <span aria-hidden="true">✗ </span>{t("noToken")}: {token.errorKind === "internal" ? t("tokenUnexpected") : sourceErrorText(token.errorKind, lang, undefined, token.statusCode)}
    </span>
  );
}

function LastCall({ health, t, lang }: { health: SourceHealth | undefined; t: T; lang: Locale }) {
  if (!health) return <span className="text-slate-700">{t("notCalled")}</span>;
  const time = (iso: string) => new Date(iso).toLocaleTimeString(intlLocaleOf(lang));
  const at = time(health.lastCallAt);
  return (
    <span>
      {at} · {health.lastLatencyMs} ms · {health.lastOk ? t("succeeded") : t("failed")}
      {health.lastError ? (
        <span className="block text-xs text-red-800">{t("lastError", { time: time(health.lastError.at) })}: {sourceErrorText(health.lastError.kind, lang)}</span>
      ) : null}
    </span>
  );
}

async function loadProbes(viewerSchoolIds: readonly string[]): Promise<{ probes: Array<SourceProbe & { health?: SourceHealth }> } | { error: string }> {
  try {
    const { client } = getEduvRuntime();
    return { probes: (await probeSources(viewerSchoolIds)).map((p) => ({ ...p, health: client.health.get(p.id) })) };
  } catch (err) {
    if (err instanceof SourcesConfigError) return { error: err.message };
    throw err;
  }
}

/** The shown Sources' contract health (this process's latest attempts flushed first), or null when the store cannot be read. */
async function loadHealth(viewerSchoolIds: readonly string[]): Promise<Map<string, SourceSummary> | null> {
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
  const [t, tNav] = await Promise.all([getTranslations("sources"), getTranslations("nav")]);
  const lang = localeOf(await getLocale());
  const [result, health] = await Promise.all([loadProbes(mine), loadHealth(mine)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">
          {t("intro")}
        </p>
      </div>
      {"error" in result ? (
        <Notice tone="error" title={t("invalidFile")} titleAs="h2">
          <p className="mt-1 break-words">{result.error}</p>
        </Notice>
      ) : (
        <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="p-3">{t("colSource")}</th>
              <th scope="col" className="p-3">{t("colKind")}</th>
              <th scope="col" className="p-3">{t("colData")}</th>
              <th scope="col" className="p-3">{t("colSchools")}</th>
              <th scope="col" className="p-3">{t("colToken")}</th>
              <th scope="col" className="p-3">{t("colTokenTime")}</th>
              <th scope="col" className="p-3">{t("colLastCall")}</th>
            </tr>
          </thead>
          <tbody>
            {result.probes.map((p) => (
              <tr key={p.id} className="border-t border-slate-200 align-top" data-source={p.id}>
                <th scope="row" className="p-3 font-medium">{p.name}</th>
                <td className="p-3">{t(`kind.${p.kind}`)}</td>
                <td className="p-3">{p.apis.map((a) => (API_KEY[a] ? tNav(API_KEY[a]) : a)).join(", ")}</td>
                <td className="p-3">{p.schools.map((s) => s.name).join(", ")}</td>
                <td className="p-3"><TokenStatus token={p.token} t={t} lang={lang} /></td>
                <td className="p-3 tabular-nums">{p.token.latencyMs} ms</td>
                <td className="p-3"><LastCall health={p.health} t={t} lang={lang} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {"error" in result ? null : <ContractHealth sources={result.probes.map((p) => ({ id: p.id, name: p.name }))} summaries={health} lang={lang} />}
    </div>
  );
}
