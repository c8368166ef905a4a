"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import type { Diagnosis } from "./queries";

/** How the diagnosis of a product goes: under way, failed, or its answer. */
export type DiagnosisState = Pick<UseMutationResult<Diagnosis>, "isPending" | "isError" | "error" | "data">;

const RESULT_CLASS: Record<Diagnosis["steps"][number]["result"], string> = {
  fail: "text-red-800",
  ok: "text-emerald-800",
  unknown: "text-slate-700",
  not_checked: "text-slate-700",
};

/** Each link of the chain with its result and finding, the conclusion with who acts, and the text for a ticket. */
export function DiagnosisSteps({ diagnosis }: { diagnosis: Diagnosis }) {
  const t = useTranslations("usage");
  return (
    <>
      <ol className="list-decimal space-y-1 pl-6 text-sm">
        {diagnosis.steps.map((s) => (
          <li key={s.step} data-step={s.step} data-result={s.result}>
            <span className="font-semibold">{s.label}</span>: <span className={RESULT_CLASS[s.result]}>{t(`result.${s.result}`)}</span>,{" "}
            {s.finding}
          </li>
        ))}
      </ol>
      <p className="font-semibold" role="status">
        {diagnosis.conclusion} {t("actionFor", { actor: diagnosis.actorLabel })}
      </p>
      <Field id="diagnosis-text" label={t("ticketText")}>
        {(c) => <textarea {...c} className={`${c.className} w-full p-2 font-mono text-xs`} readOnly value={diagnosis.text} rows={8} />}
      </Field>
      <CopyButton text={diagnosis.text} className="text-sm" />
    </>
  );
}

/** The chain walked for one product: each step's result, the conclusion, and a text for a ticket. */
export function DiagnosisPanel({ product, diagnosis }: { product: string; diagnosis: DiagnosisState }) {
  const t = useTranslations("usage");
  return (
    <section aria-labelledby="diagnosis-heading" className="space-y-2 rounded border border-slate-300 bg-white p-4">
      <h3 id="diagnosis-heading" className="text-lg font-semibold">
        {t("diagnosisTitle", { product })}
      </h3>
      {diagnosis.isPending ? (
        <p role="status">{t("diagnosing")}</p>
      ) : diagnosis.isError ? (
        <ErrorNotice error={diagnosis.error} size="sm" />
      ) : diagnosis.data ? (
        <DiagnosisSteps diagnosis={diagnosis.data} />
      ) : null}
    </section>
  );
}

/** A product the person has no entitlement to at all can be diagnosed too, by its code (EAN). */
export function DiagnoseForm({ onSubmit }: { onSubmit: (productId: string) => void }) {
  const t = useTranslations("usage");
  const [product, setProduct] = useState("");
  return (
    <form
      className="flex flex-wrap items-end gap-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        if (product.trim()) onSubmit(product.trim());
      }}
    >
      <Field id="diagnosis-product" label={t("otherProduct")}>
        {(c) => (
          <input
            {...c}
            className={`${c.className} w-48 font-mono`}
            value={product}
            onChange={(e) => setProduct(e.target.value)}
            maxLength={64}
            required
            inputMode="numeric"
          />
        )}
      </Field>
      <Button type="submit">{t("diagnose")}</Button>
    </form>
  );
}
