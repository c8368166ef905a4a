"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ApiError } from "@/components/lists/api";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { CoverageResult } from "./coverage-result";
import { exportCoverage, type CoverageProgress } from "./queries";
import type { CoverageRunState } from "./use-coverage-run";

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

/**
 * What a coverage run shows below its controls (class-coverage.tsx): its progress, that it was
 * cancelled or why it failed, then the result and its export. Loaded once the first run is started.
 */
export function CoverageRun({ run }: { run: CoverageRunState }) {
  const t = useTranslations("usage");
  const [exportError, setExportError] = useState<ApiError | null>(null);
  // The export is of the group the result shown is for.
  const exportCsv = async () => {
    if (run.ran) setExportError(await exportCoverage(run.ran));
  };
  return (
    <>
      {run.progress ? <ProgressBar progress={run.progress} /> : null}
      {run.cancelled ? <p role="status">{t("cancelled")}</p> : null}
      {run.error ? <ErrorNotice error={run.error} /> : null}
      {exportError ? <ErrorNotice error={exportError} title={t("exportFailed")} /> : null}
      {run.coverage ? <CoverageResult coverage={run.coverage} onExport={exportCsv} /> : null}
    </>
  );
}
