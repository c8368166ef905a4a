"use client";

import { useTranslations } from "next-intl";
import { useFormats } from "@/components/ui/format";
import type { UsageAnswer } from "./queries";
import { namesText } from "./words";

/** The entitlement statuses Edu-V names, in the order the totals show them. */
export const TOTALS = ["licensed", "entitled", "cancelled", "blocked", "expired"] as const satisfies ReadonlyArray<
  keyof UsageAnswer["totals"]
>;

const BAR: Record<(typeof TOTALS)[number], string> = {
  licensed: "bg-emerald-700",
  entitled: "bg-sky-700",
  cancelled: "bg-slate-600",
  blocked: "bg-red-700",
  expired: "bg-amber-700",
};

/** The totals of the registries that answered about this person, saying which they are and which are not counted. */
export function UsageTotals({ data }: { data: UsageAnswer }) {
  const t = useTranslations("usage");
  const f = useFormats();
  const { counted, notCounted } = data.scope;
  const max = Math.max(1, ...TOTALS.map((k) => data.totals[k]));
  const unknown = data.entitlements.filter((e) => e.meaning === "unknown").length;
  return (
    <figure aria-labelledby="totals-heading" className="max-w-xl">
      <figcaption id="totals-heading" className="font-semibold">
        {counted.length ? t("totalsFrom", { names: namesText(t, counted) }) : t("noTotals")}
      </figcaption>
      {notCounted.length ? (
        <p className="text-sm text-amber-950" data-testid="not-counted">
          {t("notCounted", { count: notCounted.length, names: namesText(t, notCounted) })}
        </p>
      ) : null}
      {counted.length ? (
        <dl className="mt-2 space-y-1 text-sm">
          {TOTALS.map((k) => (
            <div key={k} className="grid grid-cols-[9rem_1fr_2.5rem] items-center gap-2">
              <dt>{t(`status.${k}`)}</dt>
              <dd aria-hidden="true" className="h-4 rounded bg-slate-100">
                <div className={`h-4 rounded ${BAR[k]}`} style={{ width: `${(data.totals[k] / max) * 100}%` }} />
              </dd>
              <dd className="text-right tabular-nums" data-testid={`total-${k}`}>
                {f.number(data.totals[k])}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {unknown ? <p className="mt-1 text-sm">{t("unknownStatusItems", { count: unknown })}</p> : null}
    </figure>
  );
}

/**
 * When no entitlement is listed: "none anywhere" only when every registry answered; otherwise which
 * answered without entitlements and which gave no usable answer.
 */
export function NoEntitlements({ data }: { data: UsageAnswer }) {
  const t = useTranslations("usage");
  const { counted, notCounted, withoutEntitlements } = data.scope;
  if (!counted.length) return <p data-testid="no-entitlements">{t("noAnswerAtAll")}</p>;
  if (!notCounted.length) return <p data-testid="no-entitlements">{t("noEntitlements")}</p>;
  return (
    <p data-testid="no-entitlements">
      {t("noEntitlementsAt", { names: namesText(t, withoutEntitlements) })}{" "}
      {t("noUsableAnswer", { count: notCounted.length, names: namesText(t, notCounted) })}
    </p>
  );
}
