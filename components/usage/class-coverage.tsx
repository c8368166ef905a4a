"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useState } from "react";
import { apiErrorOf } from "@/components/lists/api-error";
import { Button } from "@/components/ui/button";
import { useFormats } from "@/components/ui/format";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { bodyOf, OfferingPicker } from "./offering-picker";
import type { UsageOptions } from "./queries";
import { useCoverageRun } from "./use-coverage-run";

// What a run shows (its progress, the result and its export) is loaded once the first run is started.
const CoverageRun = lazy(() => import("./coverage-run").then((m) => ({ default: m.CoverageRun })));

/**
 * The offerings as the page read them on the server: the answer, or the error answer (its status and
 * body) GET /api/usage/options would have sent, made an ApiError here for the notice of its code.
 */
export type OptionsRead = { ok: true; value: UsageOptions } | { ok: false; status: number; body: unknown };

/** A class's or offering's licence coverage: choose it, run it (with progress, cancel, ask again), then the result and its export. */
export function ClassCoverage({ options }: { options: OptionsRead }) {
  const t = useTranslations("usage");
  const f = useFormats();
  const offered = options.ok ? options.value : undefined;
  const [choice, setChoice] = useState("");
  const run = useCoverageRun();
  // `refresh`: ask the LAS and every registry again instead of using answers kept from an earlier run.
  const start = (refresh = false) => {
    if (choice) run.start({ ...bodyOf(choice), refresh });
  };

  return (
    <div className="space-y-4">
      {options.ok ? null : <ErrorNotice error={apiErrorOf(options.status, options.body)} />}
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <OfferingPicker value={choice} onChange={setChoice} options={offered} />
        <Button variant="primary" onClick={() => start()} disabled={!choice || run.running}>
          {t("startCoverage")}
        </Button>
        {run.coverage && !run.running ? <Button onClick={() => start(true)}>{t("refreshCoverage")}</Button> : null}
        {run.running ? <Button onClick={run.cancel}>{t("cancel")}</Button> : null}
        {offered?.referenceDateSet ? <p className="text-slate-700">{t("referenceDate", { date: f.day(offered.today) })}</p> : null}
      </div>
      {run.started ? (
        <Suspense fallback={<Skeleton label={t("coverageStarting")} rows={3} />}>
          <CoverageRun run={run} />
        </Suspense>
      ) : null}
    </div>
  );
}
