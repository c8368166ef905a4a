"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ApiError } from "@/components/lists/api";
import { Button } from "@/components/ui/button";
import { useFormats } from "@/components/ui/format";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { CoverageResult } from "./coverage-result";
import { bodyOf, OfferingPicker } from "./offering-picker";
import { exportCoverage, fetchUsageOptions, usageKeys, type CoverageProgress } from "./queries";
import { useCoverageRun } from "./use-coverage-run";

/** How far the run is: "Voortgang: 12 van 27 leerlingen nagevraagd" and a bar. */
function ProgressBar({ progress }: { progress: CoverageProgress }) {
  const t = useTranslations("usage");
  return (
    <div className="max-w-xl space-y-1 text-sm">
      <label htmlFor="coverage-progress">{t("progress", { done: progress.done, total: progress.total })}</label>
      <progress id="coverage-progress" max={Math.max(1, progress.total)} value={progress.done} className="block h-3 w-full" />
    </div>
  );
}

/** A class's or offering's licence coverage: choose it, run it (with progress, cancel, ask again), then the result and its export. */
export function ClassCoverage() {
  const t = useTranslations("usage");
  const f = useFormats();
  const options = useQuery({ queryKey: usageKeys.options(), queryFn: fetchUsageOptions, retry: false, staleTime: 60_000 });
  const [choice, setChoice] = useState("");
  const run = useCoverageRun();
  const [exportError, setExportError] = useState<ApiError | null>(null);
  // `refresh`: ask the LAS and every registry again instead of using answers kept from an earlier run.
  const start = (refresh = false) => {
    if (choice) run.start({ ...bodyOf(choice), refresh });
  };
  // The export is of the group the result shown is for.
  const exportCsv = async () => {
    if (run.ran) setExportError(await exportCoverage(run.ran));
  };

  return (
    <div className="space-y-4">
      {options.isError ? <ErrorNotice error={options.error} /> : null}
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <OfferingPicker value={choice} onChange={setChoice} options={options.data} />
        <Button variant="primary" onClick={() => start()} disabled={!choice || run.running}>
          {t("startCoverage")}
        </Button>
        {run.coverage && !run.running ? <Button onClick={() => start(true)}>{t("refreshCoverage")}</Button> : null}
        {run.running ? <Button onClick={run.cancel}>{t("cancel")}</Button> : null}
        {options.data?.referenceDateSet ? (
          <p className="text-slate-700">{t("referenceDate", { date: f.day(options.data.today) })}</p>
        ) : null}
      </div>
      {run.progress ? <ProgressBar progress={run.progress} /> : null}
      {run.cancelled ? <p role="status">{t("cancelled")}</p> : null}
      {run.error ? <ErrorNotice error={run.error} /> : null}
      {exportError ? <ErrorNotice error={exportError} title={t("exportFailed")} /> : null}
      {run.coverage ? <CoverageResult coverage={run.coverage} onExport={exportCsv} /> : null}
    </div>
  );
}
