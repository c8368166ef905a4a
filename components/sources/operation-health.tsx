import { OTHER_KEY, type HealthCounts, type OperationHealthSummary } from "@/lib/contracts/sources";
import { CountTable, type CountRow } from "./count-table";
import { inline, lastErrorText, latency, type Fmt } from "./health-format";
import { topCounts } from "./health-view";

const TOP = 10;

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
function TopCounts({
  name,
  caption,
  of,
  keyHeader,
  counts,
  f,
}: {
  name: string;
  caption: string;
  of: string;
  keyHeader: string;
  counts: HealthCounts;
  f: Fmt;
}) {
  const { top, restKeys, restCount } = topCounts(counts, TOP);
  if (!top.length) {
    return (
      <p className="text-sm" data-counts={name}>
        <span className="font-medium">{caption}</span>: {f.t("none")}
      </p>
    );
  }
  const rows: CountRow[] = top.map(([key, n]) => ({
    key,
    label: key === OTHER_KEY ? f.t("otherKey") : key,
    code: key !== OTHER_KEY,
    n,
    shown: f.n(n),
  }));
  if (restKeys) rows.push({ label: f.t("rest", { keys: restKeys }), code: false, shown: f.n(restCount) });
  return <CountTable name={name} caption={caption} of={of} keyHeader={keyHeader} countHeader={f.t("colCount")} rows={rows} />;
}

export function OperationHealth({ op, f }: { op: OperationHealthSummary; f: Fmt }) {
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
        <Metric
          name="calls"
          label={t("calls")}
          value={f.n(c.calls)}
          raw={c.calls}
          extra={c.failed ? t("failedCount", { count: c.failed }) : null}
        />
        <Metric name="answers" label={t("answers")} value={inline(c.answers, f)} />
        <Metric name="codes" label={t("codes")} value={inline(c.codes, f)} />
        <Metric name="latency" label={t("latency")} value={`${latency(op.p50, f)} / ${latency(op.p95, f)}`} />
        <Metric name="received" label={t("received")} value={f.n(c.received)} raw={c.received} />
        <Metric name="kept" label={t("kept")} value={f.n(c.kept)} raw={c.kept} />
        <Metric name="leftOut" label={t("leftOut")} value={f.n(c.leftOut)} raw={c.leftOut} />
        <Metric name="lastError" label={t("lastError")} value={lastErrorText(c.lastError, f)} />
      </dl>
      <div className="mt-3 grid grid-cols-1 gap-4 lg:grid-cols-2 xl:grid-cols-4">
        <TopCounts name="leftOutPaths" caption={t("leftOutPaths")} of={of} keyHeader={t("colPath")} counts={c.leftOutPaths} f={f} />
        <TopCounts
          name="normalizedPaths"
          caption={t("normalizedPaths")}
          of={of}
          keyHeader={t("colPath")}
          counts={c.normalizedPaths}
          f={f}
        />
        <TopCounts name="leftOutItems" caption={t("leftOutItems")} of={of} keyHeader={t("colPath")} counts={c.leftOutItems} f={f} />
        <TopCounts name="unknownEnums" caption={t("unknownEnums")} of={of} keyHeader={t("colField")} counts={c.unknownEnums} f={f} />
      </div>
    </div>
  );
}
