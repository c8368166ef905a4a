"use client";

import { useTranslations } from "next-intl";
import { TOTALS, type Entitlement } from "./usage-types";

const TYPES: ReadonlySet<string> = new Set(["school-student", "school-employee", "school-activationcode", "customer-student", "customer-activationcode"]);
const COLUMNS = ["colProduct", "colType", "colStatus", "colStart", "colActivateBy", "colEnd", "colExpires", "colSource", "colMeaning", "colDiagnose"] as const;

/** One row per entitlement item, also those that lack fields we expect: what they do carry is shown. */
export function EntitlementTable({ entitlements, onDiagnose }: { entitlements: Entitlement[]; onDiagnose: (productId: string) => void }) {
  const t = useTranslations("usage");
  const status = (s?: string) => (s === undefined ? t("statusMissing") : (TOTALS as readonly string[]).includes(s) ? t(`status.${s}`) : s);
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
        <caption className="sr-only">{t("entitlements")}</caption>
        <thead className="bg-slate-100">
          <tr>{COLUMNS.map((c) => <th key={c} scope="col" className="p-2">{t(c)}</th>)}</tr>
        </thead>
        <tbody>
          {entitlements.map((e, i) => (
            <tr key={`${e.sourceId}:${e.entitlementId ?? `#${i}`}`} className="border-t border-slate-200 align-top">
              <td className="p-2">
                {e.productId !== undefined ? (
                  <>{e.productTitle ?? e.productId}<br /><span className="font-mono text-xs text-slate-700">{e.productId}</span></>
                ) : (
                  <>
                    {e.productTitle ? <>{e.productTitle}<br /></> : null}
                    <span className="font-semibold">{t("noProductId")}</span>
                    {e.otherFields?.length ? (
                      <div data-testid="other-fields">
                        <span className="sr-only">{t("otherFields")}:</span>
                        <dl className="mt-1 font-mono text-xs">
                          {e.otherFields.map(([name, value]) => <div key={name}><dt className="inline">{name}:</dt> <dd className="inline break-all">{value}</dd></div>)}
                        </dl>
                      </div>
                    ) : null}
                  </>
                )}
              </td>
              <td className="p-2">{e.entitlementType === undefined ? "—" : TYPES.has(e.entitlementType) ? t(`type.${e.entitlementType}`) : e.entitlementType}</td>
              <td className="p-2">{status(e.entitlementStatus)}</td>
              <td className="p-2 tabular-nums">{e.startDate ?? "—"}</td>
              <td className="p-2 tabular-nums">{e.activationUntilDate ?? "—"}</td>
              <td className="p-2 tabular-nums">{e.endDate ?? "—"}</td>
              <td className="p-2 tabular-nums">{e.expirationDate ?? "—"}</td>
              <td className="p-2">{e.sourceName}</td>
              <td className="p-2">{t(`meaning.${e.meaning}`)}</td>
              <td className="p-2">
                {e.productId !== undefined ? (
                  <button type="button" onClick={() => onDiagnose(e.productId!)} className="rounded border border-slate-500 px-2 py-0.5" aria-label={t("diagnoseFor", { product: e.productTitle ?? e.productId })}>{t("diagnose")}</button>
                ) : <span className="text-slate-700">{t("noDiagnose")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
