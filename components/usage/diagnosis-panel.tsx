"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import type { Diagnosis } from "./usage-types";

/** The chain walked for one product: each step's result, the conclusion, and a text for a ticket. */
export function DiagnosisPanel({ product, diagnosis }: { product: string; diagnosis: UseMutationResult<Diagnosis, Error, string> }) {
  const t = useTranslations("usage");
  return (
    <section aria-labelledby="diagnosis-heading" className="space-y-2 rounded border border-slate-300 bg-white p-4">
      <h3 id="diagnosis-heading" className="text-lg font-semibold">{t("diagnosisTitle", { product })}</h3>
      {diagnosis.isPending ? <p role="status">{t("diagnosing")}</p> : diagnosis.isError ? <ErrorNotice error={diagnosis.error} size="sm" /> : diagnosis.data ? (
        <>
          <ol className="list-decimal space-y-1 pl-6 text-sm">
            {diagnosis.data.steps.map((s) => (
              <li key={s.step}><span className="font-semibold">{s.label}</span>: <span className={s.result === "fail" ? "text-red-800" : s.result === "ok" ? "text-emerald-800" : "text-slate-700"}>{t(`result.${s.result}`)}</span>, {s.finding}</li>
            ))}
          </ol>
          <p className="font-semibold" role="status">{diagnosis.data.conclusion} {t("actionFor", { actor: diagnosis.data.actorLabel })}</p>
          <label htmlFor="diagnosis-text" className="block text-sm">{t("ticketText")}</label>
          <textarea id="diagnosis-text" readOnly value={diagnosis.data.text} rows={8} className="w-full rounded border border-slate-500 p-2 font-mono text-xs" />
          <button type="button" onClick={() => navigator.clipboard?.writeText(diagnosis.data!.text)} className="rounded border border-slate-500 px-2 py-0.5 text-sm">{t("copy")}</button>
        </>
      ) : null}
    </section>
  );
}

/** A product the person has no entitlement to at all can be diagnosed too, by its code (EAN). */
export function DiagnoseForm({ onSubmit }: { onSubmit: (productId: string) => void }) {
  const t = useTranslations("usage");
  const [product, setProduct] = useState("");
  return (
    <form className="flex flex-wrap items-end gap-3 text-sm" onSubmit={(e) => { e.preventDefault(); if (product.trim()) onSubmit(product.trim()); }}>
      <div>
        <label htmlFor="diagnosis-product" className="block">{t("otherProduct")}</label>
        <input id="diagnosis-product" value={product} onChange={(e) => setProduct(e.target.value)} maxLength={64} required inputMode="numeric" className="w-48 rounded border border-slate-500 px-2 py-1 font-mono" />
      </div>
      <button type="submit" className="rounded border border-slate-500 px-2 py-1">{t("diagnose")}</button>
    </form>
  );
}
