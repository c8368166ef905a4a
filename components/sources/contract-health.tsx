import { getTranslations } from "next-intl/server";
import type { SourceHealthSummary, SourceStatus } from "@/lib/contracts/sources";
import { intlLocaleOf, type Locale } from "@/lib/i18n/locale";
import { Notice } from "@/components/ui/notice";
import { HealthChart } from "./health-chart";
import { formats, type Fmt } from "./health-format";
import { OperationHealth } from "./operation-health";
import { contractReportHref } from "./queries";

type Source = Pick<SourceStatus, "id" | "name">;

function SourceHealth({ source, summary, f }: { source: Source; summary: SourceHealthSummary; f: Fmt }) {
  const t = f.t;
  const max = Math.max(0, ...summary.hourly.map((h) => h.ok + h.failed));
  const headingId = `health-${source.id}`;
  return (
    <section aria-labelledby={headingId} data-health-source={source.id} className="space-y-3 rounded bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="text-lg font-semibold">
          {source.name}
        </h3>
        <a href={contractReportHref(source.id)} download className="text-sm text-blue-800 underline underline-offset-2">
          {t("download")}
          <span className="sr-only"> {t("downloadFor", { name: source.name })}</span>
        </a>
      </div>
      {summary.totals.calls ? (
        <>
          <HealthChart
            summary={summary}
            locale={intlLocaleOf(f.lang)}
            labels={{
              summary: t("chartLabel", {
                name: source.name,
                ok: summary.totals.calls - summary.totals.failed,
                failed: summary.totals.failed,
                max,
              }),
              ok: t("legendOk"),
              failed: t("legendFailed"),
              note: t("axisNote"),
            }}
          />
          {summary.operations.map((op) => (
            <OperationHealth key={op.operationId} op={op} f={f} />
          ))}
        </>
      ) : (
        <p className="text-sm text-slate-700">{t("noCalls")}</p>
      )}
    </section>
  );
}

/** Per Source the last 7 days of contract health; `summaries` is null when the store could not be read. */
export async function ContractHealth({
  sources,
  summaries,
  lang,
}: {
  sources: readonly Source[];
  summaries: ReadonlyMap<string, SourceHealthSummary> | null;
  lang: Locale;
}) {
  const t = await getTranslations("sources.health");
  const f = formats(t, lang);
  const any = summaries?.values().next().value;
  return (
    <section aria-labelledby="health-title" className="space-y-4">
      <div>
        <h2 id="health-title" className="text-xl font-semibold">
          {t("title")}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("intro")}</p>
        {any ? (
          <p className="mt-1 text-sm text-slate-700">
            {t("period", { from: f.when(any.from), to: f.when(any.to) })}. {t("reportNote")}
          </p>
        ) : null}
      </div>
      {summaries ? (
        sources.map((s) => <SourceHealth key={s.id} source={s} summary={summaries.get(s.id)!} f={f} />)
      ) : (
        <Notice tone="warning">{t("unavailable")}</Notice>
      )}
    </section>
  );
}
