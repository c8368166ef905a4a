import type { SourceHealthSummary } from "@/lib/contracts/sources";

const HEIGHT = 60;
// Blue and orange stay apart for red-green colour blindness; both reach 3:1 against white (WCAG 1.4.11).
const OK_CLASS = "fill-sky-800";
const FAILED_CLASS = "fill-orange-600";

type Labels = { summary: string; ok: string; failed: string; note: string };

/** Midnights (Dutch time) within the period, as positions in hours from its start, with a short day label. */
function midnights(hourly: SourceHealthSummary["hourly"], locale: string): Array<{ index: number; label: string }> {
  const hourOfDay = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "numeric", hourCycle: "h23" });
  const day = new Intl.DateTimeFormat(locale, { timeZone: "Europe/Amsterdam", weekday: "short", day: "numeric" });
  // A label in the last hours would be cut off at the chart's right edge.
  return hourly.flatMap((h, index) =>
    Number(hourOfDay.format(h.hour)) === 0 && index < hourly.length - 8 ? [{ index, label: day.format(h.hour) }] : [],
  );
}

/**
 * Attempts per hour over the period, succeeded and failed stacked. An image with its summary as
 * the accessible name: the numbers per operation follow in text below it.
 */
export function HealthChart({ summary, labels, locale }: { summary: Pick<SourceHealthSummary, "hourly">; labels: Labels; locale: string }) {
  const { hourly } = summary;
  const max = Math.max(1, ...hourly.map((h) => h.ok + h.failed));
  const scale = HEIGHT / max;
  const ticks = midnights(hourly, locale);
  return (
    <figure className="space-y-1">
      <svg
        role="img"
        aria-label={labels.summary}
        viewBox={`0 0 ${hourly.length} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="block h-20 w-full border-b border-slate-500 bg-white"
      >
        {hourly.map((h, i) => {
          const ok = h.ok * scale;
          const failed = h.failed * scale;
          return (
            <g key={h.hour}>
              {h.ok ? <rect x={i + 0.1} width={0.8} y={HEIGHT - ok} height={ok} className={OK_CLASS} /> : null}
              {h.failed ? <rect x={i + 0.1} width={0.8} y={HEIGHT - ok - failed} height={failed} className={FAILED_CLASS} /> : null}
            </g>
          );
        })}
      </svg>
      <div aria-hidden="true" className="relative h-5 overflow-hidden text-xs text-slate-700">
        {ticks.map((t) => (
          <span
            key={t.index}
            className="absolute top-0 whitespace-nowrap border-l border-slate-500 pl-1"
            style={{ left: `${(t.index / hourly.length) * 100}%` }}
          >
            {t.label}
          </span>
        ))}
      </div>
      <figcaption className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-700">
        <span className="inline-flex items-center gap-1">
          <svg aria-hidden="true" width="12" height="12" className="shrink-0">
            <rect width="12" height="12" className={OK_CLASS} />
          </svg>
          {labels.ok}
        </span>
        <span className="inline-flex items-center gap-1">
          <svg aria-hidden="true" width="12" height="12" className="shrink-0">
            <rect width="12" height="12" className={FAILED_CLASS} />
          </svg>
          {labels.failed}
        </span>
        <span>{labels.note}</span>
      </figcaption>
    </figure>
  );
}
