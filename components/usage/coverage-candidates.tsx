"use client";

import { useTranslations } from "next-intl";
import type { DataColumn } from "@/components/ui/data-column";
import { DataTable } from "@/components/ui/lazy-data-table";
import type { Candidate, Coverage } from "./queries";
import { namesText } from "./words";

/** Licences to reassign or return; "none" only of the registries that answered for every pupil. */
export function CoverageCandidates({ coverage }: { coverage: Coverage }) {
  const t = useTranslations("usage");
  const { conclusions, candidates } = coverage;
  const columns: Array<DataColumn<Candidate>> = [
    { id: "pupil", header: t("colPupil"), cell: (c) => c.name ?? "—" },
    { id: "product", header: t("colProduct"), cell: (c) => c.productTitle ?? c.productId ?? t("noProductId") },
    { id: "why", header: t("colWhy"), cell: (c) => t(`why.${c.why}`) },
    { id: "source", header: t("colSource"), cell: (c) => c.sourceName },
  ];
  const from = conclusions ? namesText(t, conclusions.from) : "";
  const conclusion = !conclusions
    ? t("candidatesNoConclusion")
    : conclusions.unknownStatus
      ? t("candidatesUnknownStatus", { count: conclusions.unknownStatus, names: from })
      : !conclusions.allAssignedAndActivated
        ? null
        : conclusions.others.length
          ? t("noCandidatesAt", { names: from })
          : t("noCandidates");
  return (
    <section aria-labelledby="candidates-heading" className="space-y-2">
      <h3 id="candidates-heading" className="text-lg font-semibold">
        {t("candidates")}
      </h3>
      <DataTable
        columns={columns}
        rows={candidates}
        rowKey={(c, i) => `${c.key}:${c.productId ?? `#${i}`}:${c.sourceId}`}
        caption={t("candidates")}
        empty={null}
      />
      {conclusion ? (
        <p className="text-sm" data-testid="candidates-conclusion">
          {conclusion}
        </p>
      ) : null}
    </section>
  );
}
