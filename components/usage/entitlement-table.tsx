"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { DataColumn } from "@/components/ui/data-column";
import { Day } from "@/components/ui/format";
import { DataTable } from "@/components/ui/lazy-data-table";
import type { Entitlement } from "./queries";
import { TOTALS } from "./usage-totals";

const TYPES: ReadonlySet<string> = new Set([
  "school-student",
  "school-employee",
  "school-activationcode",
  "customer-student",
  "customer-activationcode",
]);

/** The product: its title and code, or, for an item without a code, that it has none and the other fields it does carry. */
function ProductCell({ e }: { e: Entitlement }) {
  const t = useTranslations("usage");
  if (e.productId !== undefined)
    return (
      <>
        {e.productTitle ?? e.productId}
        <br />
        <span className="font-mono text-xs text-slate-700">{e.productId}</span>
      </>
    );
  return (
    <>
      {e.productTitle ? (
        <>
          {e.productTitle}
          <br />
        </>
      ) : null}
      <span className="font-semibold">{t("noProductId")}</span>
      {e.otherFields?.length ? (
        <div data-testid="other-fields">
          <span className="sr-only">{t("otherFields")}:</span>
          <dl className="mt-1 font-mono text-xs">
            {e.otherFields.map(([name, value]) => (
              <div key={name}>
                <dt className="inline">{name}:</dt> <dd className="inline break-all">{value}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </>
  );
}

/** One row per entitlement item, also those that lack fields we expect: what they do carry is shown. */
export function EntitlementTable({ entitlements, onDiagnose }: { entitlements: Entitlement[]; onDiagnose: (productId: string) => void }) {
  const t = useTranslations("usage");
  const status = (s?: string) => (s === undefined ? t("statusMissing") : (TOTALS as readonly string[]).includes(s) ? t(`status.${s}`) : s);
  const day = (d?: string) => (d ? <Day value={d} /> : "—");
  const columns: Array<DataColumn<Entitlement>> = [
    { id: "product", header: t("colProduct"), cell: (e) => <ProductCell e={e} /> },
    {
      id: "type",
      header: t("colType"),
      cell: (e) =>
        e.entitlementType === undefined ? "—" : TYPES.has(e.entitlementType) ? t(`type.${e.entitlementType}`) : e.entitlementType,
    },
    { id: "status", header: t("colStatus"), cell: (e) => status(e.entitlementStatus) },
    { id: "startDate", header: t("colStart"), className: "tabular-nums", cell: (e) => day(e.startDate) },
    { id: "activationUntilDate", header: t("colActivateBy"), className: "tabular-nums", cell: (e) => day(e.activationUntilDate) },
    { id: "endDate", header: t("colEnd"), className: "tabular-nums", cell: (e) => day(e.endDate) },
    { id: "expirationDate", header: t("colExpires"), className: "tabular-nums", cell: (e) => day(e.expirationDate) },
    { id: "source", header: t("colSource"), cell: (e) => e.sourceName },
    { id: "meaning", header: t("colMeaning"), cell: (e) => t(`meaning.${e.meaning}`) },
    {
      id: "diagnose",
      header: t("colDiagnose"),
      cell: (e) =>
        e.productId !== undefined ? (
          <Button onClick={() => onDiagnose(e.productId!)} aria-label={t("diagnoseFor", { product: e.productTitle ?? e.productId })}>
            {t("diagnose")}
          </Button>
        ) : (
          <span className="text-slate-700">{t("noDiagnose")}</span>
        ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={entitlements}
      rowKey={(e, i) => `${e.sourceId}:${e.entitlementId ?? `#${i}`}`}
      caption={t("entitlements")}
      empty={null}
      rowClassName="align-top"
    />
  );
}
