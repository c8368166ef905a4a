"use client";

import { useTranslations } from "next-intl";
import type { Coverage, Product, Reason } from "./coverage-types";
import { namesText } from "./words";

/** Per product, who has no working licence and why; "nobody has entitlements" only from registries that answered for every pupil. */
export function CoverageProducts({ coverage }: { coverage: Coverage }) {
  const t = useTranslations("usage");
  const { conclusions } = coverage;
  const reasons = (p: Product) => (Object.entries(p.byReason) as Array<[Reason, number]>).map(([r, n]) => `${t(`reason.${r}`)}: ${n}`).join(", ");
  // Said only of the registries that answered for every pupil; nothing at all when none did.
  const none = !conclusions ? (coverage.products.length === 0 ? t("noProductsNoConclusion") : null)
    : !conclusions.noEntitlements ? null
    : conclusions.others.length ? t("noProductsAt", { names: namesText(t, conclusions.from) }) : t("noProducts");
  return (
    <div className="space-y-2">
      {none ? <p data-testid="no-products">{none}</p> : null}
      {coverage.itemsWithoutProduct ? <p className="text-sm">{t("itemsWithoutProduct", { count: coverage.itemsWithoutProduct })}</p> : null}
      {coverage.products.length ? (
        <ul className="space-y-2">
          {coverage.products.map((p) => (
            <li key={p.productId} className="rounded border border-slate-300 bg-white p-3 text-sm" data-testid="coverage-product">
              <p><span className="font-semibold">{p.productTitle ?? p.productId}</span> <span className="font-mono text-xs text-slate-700">{p.productId}</span> <span className="text-slate-700">({p.sources.join(", ")})</span></p>
              <p data-testid="coverage-line">
                {p.unknown ? t("withoutUnknown", { without: p.without - p.unknown, total: p.licensed + p.without, unknown: p.unknown }) : t("withoutLine", { without: p.without, total: p.licensed + p.without })}
              </p>
              {p.without ? (
                <details>
                  <summary className="cursor-pointer text-blue-800 underline underline-offset-2">{t("whichPupils", { reasons: reasons(p) })}</summary>
                  <table className="mt-2 w-full border-collapse text-left">
                    <caption className="sr-only">{t("withoutCaption", { product: p.productTitle ?? p.productId })}</caption>
                    <thead className="bg-slate-100"><tr><th scope="col" className="p-1">{t("colPupil")}</th><th scope="col" className="p-1">{t("colReason")}</th><th scope="col" className="p-1">{t("colSource")}</th></tr></thead>
                    <tbody>
                      {p.pupils.map((x) => <tr key={x.key} className="border-t border-slate-200"><td className="p-1">{x.name ?? "—"}</td><td className="p-1">{t(`reason.${x.reason}`)}</td><td className="p-1">{x.sourceName ?? "—"}</td></tr>)}
                    </tbody>
                  </table>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
