"use client";

import { useTranslations } from "next-intl";
import type { DataColumn } from "@/components/ui/data-column";
import { useFormats } from "@/components/ui/format";
import { DataTable } from "@/components/ui/lazy-data-table";
import type { Coverage, Product, Reason } from "./queries";
import { namesText } from "./words";

/** Per product, who has no working licence and why; "nobody has entitlements" only from registries that answered for every pupil. */
export function CoverageProducts({ coverage }: { coverage: Coverage }) {
  const t = useTranslations("usage");
  const f = useFormats();
  const { conclusions } = coverage;
  const pupilColumns: Array<DataColumn<Product["pupils"][number]>> = [
    { id: "pupil", header: t("colPupil"), cell: (x) => x.name ?? "—" },
    { id: "reason", header: t("colReason"), cell: (x) => t(`reason.${x.reason}`) },
    { id: "source", header: t("colSource"), cell: (x) => x.sourceName ?? "—" },
  ];
  const reasons = (p: Product) =>
    (Object.entries(p.byReason) as Array<[Reason, number]>).map(([r, n]) => `${t(`reason.${r}`)}: ${f.number(n)}`).join(", ");
  // Said only of the registries that answered for every pupil; nothing at all when none did.
  const none = !conclusions
    ? coverage.products.length === 0
      ? t("noProductsNoConclusion")
      : null
    : !conclusions.noEntitlements
      ? null
      : conclusions.others.length
        ? t("noProductsAt", { names: namesText(t, conclusions.from) })
        : t("noProducts");
  return (
    <div className="space-y-2">
      {none ? <p data-testid="no-products">{none}</p> : null}
      {coverage.itemsWithoutProduct ? <p className="text-sm">{t("itemsWithoutProduct", { count: coverage.itemsWithoutProduct })}</p> : null}
      {coverage.products.length ? (
        <ul className="space-y-2">
          {coverage.products.map((p) => (
            <li key={p.productId} className="rounded border border-slate-300 bg-white p-3 text-sm" data-testid="coverage-product">
              <p>
                <span className="font-semibold">{p.productTitle ?? p.productId}</span>{" "}
                <span className="font-mono text-xs text-slate-700">{p.productId}</span>{" "}
                <span className="text-slate-700">({p.sources.join(", ")})</span>
              </p>
              <p data-testid="coverage-line">
                {p.unknown
                  ? t("withoutUnknown", { without: p.without - p.unknown, total: p.licensed + p.without, unknown: p.unknown })
                  : t("withoutLine", { without: p.without, total: p.licensed + p.without })}
              </p>
              {p.without ? (
                <details>
                  <summary className="cursor-pointer text-blue-800 underline underline-offset-2">
                    {t("whichPupils", { reasons: reasons(p) })}
                  </summary>
                  <DataTable
                    columns={pupilColumns}
                    rows={p.pupils}
                    rowKey={(x) => x.key}
                    caption={t("withoutCaption", { product: p.productTitle ?? p.productId })}
                    look="plain"
                    density="xs"
                    className="mt-2"
                    empty={null}
                  />
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
