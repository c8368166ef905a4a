import { getTranslations } from "next-intl/server";
import { LATENCY_BOUNDS_MS, OTHER_KEY, topCounts, type Counts, type LastError } from "@/lib/sources/health/contract-health";
import type { OperationSummary, SourceSummary } from "@/lib/sources/health/contract-health-summary";
import { SOURCE_ERROR_KINDS, type SourceErrorKind } from "@/lib/sources/errors";
import { intlLocaleOf, type Locale } from "@/lib/i18n/locale";
import { sourceErrorText } from "@/lib/i18n/outcome-words";
import { HealthChart } from "./health-chart";

type T = Awaited<ReturnType<typeof getTranslations>>;
type Fmt = { n: (v: number) => string; when: (ms: number) => string; t: T; lang: Locale };

const TOP = 10;

function formats(t: T, lang: Locale): Fmt {
  const locale = intlLocaleOf(lang);
  const number = new Intl.NumberFormat(locale);
  const date = new Intl.DateTimeFormat(locale, { timeZone: "Europe/Amsterdam", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  return { n: (v) => number.format(v), when: (ms) => date.format(ms), t, lang };
}

function latency(bound: number | undefined, f: Fmt): string {
  if (bound === undefined) return "–";
  if (bound === Infinity) return f.t("latencyOpen", { ms: f.n(LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]!) });
  return f.t("latencyValue", { ms: f.n(bound) });
}

/** "200: 11 · 403: 1", largest first. */
function inline(counts: Counts, f: Fmt): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length ? entries.map(([k, v]) => `${k}: ${f.n(v)}`).join(" · ") : f.t("none");
}

function lastErrorText(e: LastError | null, f: Fmt): string {
  if (!e) return f.t("noError");
  const message = SOURCE_ERROR_KINDS.has(e.kind) ? sourceErrorText(e.kind as SourceErrorKind, f.lang) : f.t("kindUnknown", { kind: e.kind });
  return [e.httpStatus ? `HTTP ${e.httpStatus}` : null, e.code, message, f.when(e.at)].filter(Boolean).join(" · ");
}

function Metric({ name, label, value, raw, extra }: { name: string; label: string; value: string; raw?: number; extra?: string | null }) {
  return (
    <div>
      <dt className="text-slate-700">{label}</dt>
      <dd className="font-medium tabular-nums" data-metric={name} data-value={raw}>
        {value}
        {extra ? <span className="font-normal text-slate-700"> ({extra})</span> : null}
      </dd>
    </div>
  );
}

/** The largest counts of a map (field paths, enum fields), the rest summed in one row. */
function CountTable({ name, caption, of, keyHeader, counts, f }: { name: string; caption: string; of: string; keyHeader: string; counts: Counts; f: Fmt }) {
  const { top, restKeys, restCount } = topCounts(counts, TOP);
  if (!top.length) {
    return <p className="text-sm" data-counts={name}><span className="font-medium">{caption}</span>: {f.t("none")}</p>;
  }
  return (
    <table className="w-full border-collapse text-left text-sm" data-counts={name}>
      {/* The operation in the name too: a screen reader's list of tables shows captions without their headings. */}
      <caption className="pb-1 text-left font-medium">{caption}<span className="sr-only"> ({of})</span></caption>
      <thead className="bg-slate-100">
        <tr>
          <th scope="col" className="px-2 py-1">{keyHeader}</th>
          <th scope="col" className="px-2 py-1 text-right">{f.t("colCount")}</th>
        </tr>
      </thead>
      <tbody>
        {top.map(([key, n]) => (
          <tr key={key} className="border-t border-slate-200" data-key={key}>
            <td className="break-all px-2 py-1">{key === OTHER_KEY ? f.t("otherKey") : <code>{key}</code>}</td>
            <td className="px-2 py-1 text-right tabular-nums" data-value={n}>{f.n(n)}</td>
          </tr>
        ))}
        {restKeys ? (
          <tr className="border-t border-slate-200">
            <td className="px-2 py-1 italic">{f.t("rest", { keys: restKeys })}</td>
            <td className="px-2 py-1 text-right tabular-nums">{f.n(restCount)}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

function OperationHealth({ op, f }: { op: OperationSummary; f: Fmt }) {
  const c = op.counters;
  const t = f.t;
  const of = op.endpoint ?? op.operationId;
  return (
    <div className="border-t border-slate-200 pt-3" data-operation={op.operationId}>
      <h4 className="font-semibold">
        {op.endpoint ?? op.operationId}
        {op.endpoint ? <span className="ml-2 text-xs font-normal text-slate-700">{op.operationId}</span> : null}
      </h4>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <Metric name="calls" label={t("calls")} value={f.n(c.calls)} raw={c.calls} extra={c.failed ? t("failedCount", { count: f.n(c.failed) }) : null} />
        <Metric name="answers" label={t("answers")} value={inline(c.answers, f)} />
        <Metric name="codes" label={t("codes")} value={inline(c.codes, f)} />
        <Metric name="latency" label={t("latency")} value={`${latency(op.p50, f)} / ${latency(op.p95, f)}`} />
        <Metric name="received" label={t("received")} value={f.n(c.received)} raw={c.received} />
        <Metric name="kept" label={t("kept")} value={f.n(c.kept)} raw={c.kept} />
        <Metric name="leftOut" label={t("leftOut")} value={f.n(c.leftOut)} raw={c.leftOut} />
        <Metric name="lastError" label={t("lastError")} value={lastErrorText(c.lastError, f)} />
      </dl>
      <div className="mt-3 grid gap-4 lg:grid-cols-2 xl:grid-cols-4">
        <CountTable name="leftOutPaths" caption={t("leftOutPaths")} of={of} keyHeader={t("colPath")} counts={c.leftOutPaths} f={f} />
        <CountTable name="normalizedPaths" caption={t("normalizedPaths")} of={of} keyHeader={t("colPath")} counts={c.normalizedPaths} f={f} />
        <CountTable name="leftOutItems" caption={t("leftOutItems")} of={of} keyHeader={t("colPath")} counts={c.leftOutItems} f={f} />
        <CountTable name="unknownEnums" caption={t("unknownEnums")} of={of} keyHeader={t("colField")} counts={c.unknownEnums} f={f} />
      </div>
    </div>
  );
}

function SourceHealth({ source, summary, f }: { source: { id: string; name: string }; summary: SourceSummary; f: Fmt }) {
  const t = f.t;
  const max = Math.max(0, ...summary.hourly.map((h) => h.ok + h.failed));
  const headingId = `health-${source.id}`;
  return (
    <section aria-labelledby={headingId} data-health-source={source.id} className="space-y-3 rounded bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="text-lg font-semibold">{source.name}</h3>
        <a href={`/api/sources/contract-report?source=${encodeURIComponent(source.id)}`} download className="text-sm text-blue-800 underline underline-offset-2">
          {t("download")}<span className="sr-only"> {t("downloadFor", { name: source.name })}</span>
        </a>
      </div>
      {summary.totals.calls ? (
        <>
          <HealthChart
            summary={summary}
            locale={intlLocaleOf(f.lang)}
            labels={{ summary: t("chartLabel", { name: source.name, ok: f.n(summary.totals.calls - summary.totals.failed), failed: f.n(summary.totals.failed), max: f.n(max) }), ok: t("legendOk"), failed: t("legendFailed"), note: t("axisNote") }}
          />
          {summary.operations.map((op) => <OperationHealth key={op.operationId} op={op} f={f} />)}
        </>
      ) : (
        <p className="text-sm text-slate-700">{t("noCalls")}</p>
      )}
    </section>
  );
}

/** Per Source the last 7 days of contract health; `summaries` is null when the store could not be read. */
export async function ContractHealth({ sources, summaries, lang }: { sources: Array<{ id: string; name: string }>; summaries: Map<string, SourceSummary> | null; lang: Locale }) {
  const t = await getTranslations("sources.health");
  const f = formats(t, lang);
  const any = summaries?.values().next().value;
  return (
    <section aria-labelledby="health-title" className="space-y-4">
      <div>
        <h2 id="health-title" className="text-xl font-semibold">{t("title")}</h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("intro")}</p>
        {any ? <p className="mt-1 text-sm text-slate-700">{t("period", { from: f.when(any.from), to: f.when(any.to) })}. {t("reportNote")}</p> : null}
      </div>
      {summaries ? (
        sources.map((s) => <SourceHealth key={s.id} source={s} summary={summaries.get(s.id)!} f={f} />)
      ) : (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">{t("unavailable")}</p>
      )}
    </section>
  );
}
