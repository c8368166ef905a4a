"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { downloadPost, getJson, networkError, readApiError } from "@/components/lists/api";
import { Notice } from "@/components/ui/notice";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { CoverageCandidates } from "./coverage-candidates";
import { CoverageProducts } from "./coverage-products";
import { CoverageScope } from "./coverage-scope";
import type { Coverage, Line } from "./coverage-types";

type Offering = { id: string; studyYear?: number; count: number; unknownStatus?: number };

/** "4A (27 lopende inschrijvingen)", and how many have a status nobody knows (shown, not counted as current). */
function offeringText(t: (key: string, values: Record<string, string | number>) => string, o: Offering): string {
  return o.unknownStatus ? t("offeringOptionUnknown", { id: o.id, count: o.count, unknown: o.unknownStatus }) : t("offeringOptionCurrent", { id: o.id, count: o.count });
}
type Options = { studyOfferings: Offering[]; subjectOfferings: Offering[]; today: string; referenceDateSet: boolean };

/** The chosen offering: "subject:<id>" or "study:<id>" (offering codes, no personal data). */
function bodyOf(choice: string) {
  const [kind, ...rest] = choice.split(":");
  const id = rest.join(":");
  return kind === "study" ? { studyOfferingId: id } : { subjectOfferingId: id };
}

export function ClassCoverage() {
  const t = useTranslations("usage");
  const options = useQuery({ queryKey: ["usage-options"], queryFn: () => getJson<Options>("/api/usage/options"), retry: false, staleTime: 60_000 });
  const [choice, setChoice] = useState("");
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  const [state, setState] = useState<"idle" | "running" | "cancelled" | "done">("idle");
  // What stopped the coverage (an ApiError, or the words of the stream's error line), and a failed export.
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<{ error: unknown; title: string } | null>(null);
  const abort = useRef<AbortController | null>(null);

  // `refresh`: ask the LAS and every registry again instead of using answers kept from an earlier run.
  const start = async (refresh = false) => {
    if (!choice) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState("running");
    setCoverage(null);
    setError(null);
    setProgress(null);
    try {
      const res = await fetch("/api/usage/coverage", { method: "POST", headers: { "content-type": "application/json", "x-ldb-csrf": "1" }, body: JSON.stringify({ ...bodyOf(choice), refresh }), signal: controller.signal })
        .catch((err: unknown) => { throw networkError(err); });
      if (!res.ok || !res.body) throw await readApiError(res);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const raw of lines) {
          if (!raw.trim()) continue;
          const line = JSON.parse(raw) as Line;
          if (line.type === "start") setProgress({ done: 0, total: line.total });
          else if (line.type === "progress") setProgress({ done: line.done, total: line.total });
          else if (line.type === "result") setCoverage(line.coverage);
          else setError(line.message);
        }
      }
      setState("done");
    } catch (err) {
      if (controller.signal.aborted) setState("cancelled");
      else {
        setError(err);
        setState("done");
      }
    }
  };
  const cancel = () => abort.current?.abort();
  const exportCsv = async () => {
    const failed = await downloadPost("/api/usage/coverage/export", bodyOf(choice), "licentiedekking.csv");
    setNotice(failed ? { error: failed, title: t("exportFailed") } : null);
  };

  return (
    <div className="space-y-4">
      {options.isError ? <ErrorNotice error={options.error} /> : null}
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <div>
          <label htmlFor="coverage-offering" className="block">{t("offering")}</label>
          <select id="coverage-offering" value={choice} onChange={(e) => setChoice(e.target.value)} className="max-w-96 rounded border border-slate-500 px-2 py-1">
            <option value="">{t("chooseOffering")}</option>
            <optgroup label={t("subjectOfferings")}>
              {options.data?.subjectOfferings.map((o) => <option key={o.id} value={`subject:${o.id}`}>{offeringText(t, o)}</option>)}
            </optgroup>
            <optgroup label={t("studyOfferings")}>
              {options.data?.studyOfferings.map((o) => <option key={o.id} value={`study:${o.id}`}>{offeringText(t, o)}</option>)}
            </optgroup>
          </select>
        </div>
        <button type="button" onClick={() => start()} disabled={!choice || state === "running"} className="rounded border border-slate-700 bg-slate-800 px-3 py-1 text-white disabled:opacity-60">{t("startCoverage")}</button>
        {coverage && state !== "running" ? <button type="button" onClick={() => start(true)} className="rounded border border-slate-500 px-3 py-1">{t("refreshCoverage")}</button> : null}
        {state === "running" ? <button type="button" onClick={cancel} className="rounded border border-slate-500 px-3 py-1">{t("cancel")}</button> : null}
        {options.data?.referenceDateSet ? <p className="text-slate-700">{t("referenceDate", { date: options.data.today })}</p> : null}
      </div>

      {progress && (state === "running" || state === "cancelled") ? (
        <div className="max-w-xl space-y-1 text-sm">
          <label htmlFor="coverage-progress">{t("progress", { done: progress.done, total: progress.total })}</label>
          <progress id="coverage-progress" max={Math.max(1, progress.total)} value={progress.done} className="block h-3 w-full" />
        </div>
      ) : null}
      {state === "cancelled" ? <p role="status">{t("cancelled")}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {notice ? <ErrorNotice error={notice.error} title={notice.title} /> : null}

      {coverage ? (
        <section aria-labelledby="coverage-heading" className="space-y-4">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="coverage-heading" className="text-xl font-semibold">{t("coverageTitle", { pupils: coverage.pupils })}</h2>
            <button type="button" onClick={exportCsv} className="rounded border border-slate-500 px-2 py-0.5 text-sm">{t("export")}</button>
          </div>
          {coverage.formerPupils || coverage.notInLas ? <p className="text-sm text-slate-700">{t("coverageNotes", { former: coverage.formerPupils, notInLas: coverage.notInLas })}</p> : null}
          {coverage.ambiguousInLas ? <Notice tone="warning" size="sm" data-testid="ambiguous-in-las">{t("ambiguousInLas", { count: coverage.ambiguousInLas })}</Notice> : null}
          {coverage.statusUnknown ? <Notice tone="warning" size="sm" data-testid="status-unknown">{t("statusUnknownPupils", { count: coverage.statusUnknown })}</Notice> : null}
          <CoverageScope coverage={coverage} />
          {coverage.refusals.map((r) => (
            <Notice key={r.sourceId} tone="warning" size="sm"><span className="font-semibold">{r.sourceName}</span>: {r.message} {t("refusalEffect")}</Notice>
          ))}
          {coverage.pupilsWithErrors ? <Notice tone="warning" size="sm">{t("pupilsWithErrors", { count: coverage.pupilsWithErrors })}</Notice> : null}
          <CoverageProducts coverage={coverage} />
          <CoverageCandidates coverage={coverage} />
        </section>
      ) : null}
    </div>
  );
}
