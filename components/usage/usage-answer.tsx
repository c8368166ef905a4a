"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { DiagnoseForm, DiagnosisPanel, type DiagnosisState } from "./diagnosis-panel";
import { EntitlementTable } from "./entitlement-table";
import type { UsageAnswer } from "./queries";
import { UsageSources } from "./usage-sources";
import { NoEntitlements, UsageTotals } from "./usage-totals";
import { ageText } from "./words";

type Props = {
  data: UsageAnswer;
  /** Asks every registry again; its state shows beside the heading. */
  onRefresh: () => void;
  refreshing: Pick<UseMutationResult, "isPending" | "isError" | "error">;
  onDiagnose: (productId: string) => void;
  /** The product being diagnosed, and how that goes. */
  diagnosed: string | null;
  diagnosis: DiagnosisState;
};

/** One person's usage: who, how old the answers are, each registry, the totals, the entitlements, and the diagnosis of a product. */
export function UsageAnswerView({ data, onRefresh, refreshing, onDiagnose, diagnosed, diagnosis }: Props) {
  const t = useTranslations("usage");
  return (
    <section aria-labelledby="usage-heading" className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="usage-heading" className="text-xl font-semibold">
          {data.person.name ?? t("unnamed")} <span className="font-mono text-sm font-normal">{data.person.maskedId}</span>
        </h2>
        <Button onClick={onRefresh} disabled={refreshing.isPending} className="text-sm">
          {t("refresh")}
        </Button>
      </div>
      {refreshing.isPending ? <p role="status">{t("loading")}</p> : null}
      {refreshing.isError ? <ErrorNotice error={refreshing.error} size="sm" /> : null}

      {data.ageSeconds > 0 ? (
        <p className="text-sm text-slate-700" data-testid="answers-age">
          {t("answersAge", { age: ageText(t, data.ageSeconds) })}
        </p>
      ) : null}
      <UsageSources registries={data.registries} />
      <UsageTotals data={data} />
      {data.entitlements.length === 0 ? (
        <NoEntitlements data={data} />
      ) : (
        <EntitlementTable entitlements={data.entitlements} onDiagnose={onDiagnose} />
      )}
      <DiagnoseForm onSubmit={onDiagnose} />
      {diagnosed ? <DiagnosisPanel product={diagnosed} diagnosis={diagnosis} /> : null}
    </section>
  );
}
