"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { downloadPost, getJson } from "@/components/lists/api";

type Offering = { id: string; studyYear?: number; count: number };
type Options = { studyOfferings: Offering[]; subjectOfferings: Offering[]; today: string; referenceDateSet: boolean };
type Reason = "no_entitlement" | "not_activated" | "activation_lapsed" | "cancelled" | "blocked" | "expired" | "source_error";
type Product = { productId: string; productTitle?: string; sources: string[]; licensed: number; without: number; byReason: Partial<Record<Reason, number>>; pupils: Array<{ key: string; name?: string; reason: Reason; sourceName?: string }> };
type Coverage = {
  pupils: number; formerPupils: number; notInLas: number; products: Product[]; pupilsWithErrors: number;
  candidates: Array<{ key: string; name?: string; productId: string; productTitle?: string; sourceName: string; entitlementStatus: string; why: "left_class" | "never_activated" }>;
  refusals: Array<{ sourceId: string; sourceName: string; status: string; message: string }>;
};
type Line = { type: "start"; total: number } | { type: "progress"; done: number; total: number } | { type: "result"; coverage: Coverage } | { type: "error"; message: string };

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
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const start = async () => {
    if (!choice) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState("running");
    setCoverage(null);
    setError(null);
    setProgress(null);
    try {
      const res = await fetch("/api/usage/coverage", { method: "POST", headers: { "content-type": "application/json", "x-ldb-csrf": "1" }, body: JSON.stringify(bodyOf(choice)), signal: controller.signal });
      if (!res.ok || !res.body) {
        const answer = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
        throw new Error(answer?.error?.message ?? `HTTP ${res.status}`);
      }
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
        setError((err as Error).message);
        setState("done");
      }
    }
  };
  const cancel = () => abort.current?.abort();
  const exportCsv = async () => {
    const failed = await downloadPost("/api/usage/coverage/export", bodyOf(choice), "licentiedekking.csv");
    setNotice(failed ? `${t("exportFailed")}: ${failed}` : null);
  };
  const reasons = (p: Product) => (Object.entries(p.byReason) as Array<[Reason, number]>).map(([r, n]) => `${t(`reason.${r}`)}: ${n}`).join(", ");

  return (
    <div className="space-y-4">
      {options.isError ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">{(options.error as Error).message}</p> : null}
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <div>
          <label htmlFor="coverage-offering" className="block">{t("offering")}</label>
          <select id="coverage-offering" value={choice} onChange={(e) => setChoice(e.target.value)} className="max-w-96 rounded border border-slate-500 px-2 py-1">
            <option value="">{t("chooseOffering")}</option>
            <optgroup label={t("subjectOfferings")}>
              {options.data?.subjectOfferings.map((o) => <option key={o.id} value={`subject:${o.id}`}>{t("offeringOption", { id: o.id, count: o.count })}</option>)}
            </optgroup>
            <optgroup label={t("studyOfferings")}>
              {options.data?.studyOfferings.map((o) => <option key={o.id} value={`study:${o.id}`}>{t("offeringOption", { id: o.id, count: o.count })}</option>)}
            </optgroup>
          </select>
        </div>
        <button type="button" onClick={start} disabled={!choice || state === "running"} className="rounded border border-slate-700 bg-slate-800 px-3 py-1 text-white disabled:opacity-60">{t("startCoverage")}</button>
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
      {error ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">{error}</p> : null}
      {notice ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">{notice}</p> : null}

      {coverage ? (
        <section aria-labelledby="dekking-kop" className="space-y-4">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="dekking-kop" className="text-xl font-semibold">{t("coverageTitle", { pupils: coverage.pupils })}</h2>
            <button type="button" onClick={exportCsv} className="rounded border border-slate-500 px-2 py-0.5 text-sm">{t("export")}</button>
          </div>
          {coverage.formerPupils || coverage.notInLas ? <p className="text-sm text-slate-700">{t("coverageNotes", { former: coverage.formerPupils, notInLas: coverage.notInLas })}</p> : null}
          {coverage.refusals.map((r) => (
            <p key={r.sourceId} role="status" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950"><span className="font-semibold">{r.sourceName}</span>: {r.message} {t("refusalEffect")}</p>
          ))}
          {coverage.pupilsWithErrors ? <p role="status" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">{t("pupilsWithErrors", { count: coverage.pupilsWithErrors })}</p> : null}
          {coverage.products.length === 0 ? <p>{t("noProducts")}</p> : (
            <ul className="space-y-2">
              {coverage.products.map((p) => (
                <li key={p.productId} className="rounded border border-slate-300 bg-white p-3 text-sm" data-testid="coverage-product">
                  <p><span className="font-semibold">{p.productTitle ?? p.productId}</span> <span className="font-mono text-xs text-slate-700">{p.productId}</span> <span className="text-slate-700">({p.sources.join(", ")})</span></p>
                  <p data-testid="coverage-line">{t("withoutLine", { without: p.without, total: p.licensed + p.without })}</p>
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
          )}
          <section aria-labelledby="kandidaten-kop" className="space-y-2">
            <h3 id="kandidaten-kop" className="text-lg font-semibold">{t("candidates")}</h3>
            {coverage.candidates.length === 0 ? <p className="text-sm">{t("noCandidates")}</p> : (
              <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
                <caption className="sr-only">{t("candidates")}</caption>
                <thead className="bg-slate-100"><tr><th scope="col" className="p-2">{t("colPupil")}</th><th scope="col" className="p-2">{t("colProduct")}</th><th scope="col" className="p-2">{t("colWhy")}</th><th scope="col" className="p-2">{t("colSource")}</th></tr></thead>
                <tbody>
                  {coverage.candidates.map((c) => (
                    <tr key={`${c.key}:${c.productId}:${c.sourceName}`} className="border-t border-slate-200">
                      <td className="p-2">{c.name ?? "—"}</td><td className="p-2">{c.productTitle ?? c.productId}</td><td className="p-2">{t(`why.${c.why}`)}</td><td className="p-2">{c.sourceName}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </section>
      ) : null}
    </div>
  );
}
