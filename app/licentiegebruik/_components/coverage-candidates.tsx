"use client";

import { useTranslations } from "next-intl";
import type { Coverage } from "./coverage-types";
import { namesText } from "./words";

/** Licences to reassign or return; "none" only of the registries that answered for every pupil. */
export function CoverageCandidates({ coverage }: { coverage: Coverage }) {
  const t = useTranslations("usage");
  const { conclusions, candidates } = coverage;
  const from = conclusions ? namesText(t, conclusions.from) : "";
  const conclusion = !conclusions ? t("candidatesNoConclusion")
    : conclusions.unknownStatus ? t("candidatesUnknownStatus", { count: conclusions.unknownStatus, names: from })
    : !conclusions.allAssignedAndActivated ? null
    : conclusions.others.length ? t("noCandidatesAt", { names: from })
    : t("noCandidates");
  return (
    <section aria-labelledby="candidates-heading" className="space-y-2">
      <h3 id="candidates-heading" className="text-lg font-semibold">{t("candidates")}</h3>
      {candidates.length ? (
        <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
          <caption className="sr-only">{t("candidates")}</caption>
          <thead className="bg-slate-100"><tr><th scope="col" className="p-2">{t("colPupil")}</th><th scope="col" className="p-2">{t("colProduct")}</th><th scope="col" className="p-2">{t("colWhy")}</th><th scope="col" className="p-2">{t("colSource")}</th></tr></thead>
          <tbody>
            {candidates.map((c, i) => (
              <tr key={`${c.key}:${c.productId ?? `#${i}`}:${c.sourceName}`} className="border-t border-slate-200">
                <td className="p-2">{c.name ?? "—"}</td><td className="p-2">{c.productTitle ?? c.productId ?? t("noProductId")}</td><td className="p-2">{t(`why.${c.why}`)}</td><td className="p-2">{c.sourceName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {conclusion ? <p className="text-sm" data-testid="candidates-conclusion">{conclusion}</p> : null}
    </section>
  );
}
