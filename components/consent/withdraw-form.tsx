"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { useOverviewRefresh } from "./overview-refresh";
import { WITHDRAW_REASON_MIN } from "./queries";
import { useAction } from "./use-action";
import type { Withdraw, WithdrawPair } from "./withdraw";

/*
 * The withdrawal form, loaded when a consent manager opens it (components/consent/withdraw.tsx): most
 * visits to the consent page withdraw nothing, so its code is not part of the page's first load.
 */

/** The reason, checked here before anything is sent, and the request that withdraws; the reason survives a refusal. */
function useWithdraw(pair: WithdrawPair, onWithdraw: Withdraw, onDone: () => void) {
  const refresh = useOverviewRefresh();
  const [reason, setReason] = useState("");
  const [tooShort, setTooShort] = useState(false);
  const mutation = useAction(onWithdraw, {
    // They run even when the refreshed matrix has already removed the form.
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  const long = (text: string) => text.trim().length >= WITHDRAW_REASON_MIN;
  const edit = (text: string) => {
    setReason(text);
    if (tooShort && long(text)) setTooShort(false);
  };
  /** Sends the withdrawal, or says the reason is too short (false) without sending anything. */
  const submit = () => {
    if (!long(reason)) {
      setTooShort(true);
      return false;
    }
    setTooShort(false);
    mutation.mutate({ providerId: pair.providerId, api: pair.api, reason: reason.trim() });
    return true;
  };
  return { reason, edit, tooShort, submit, mutation };
}

export type FormProps = { id: string; pair: WithdrawPair; onWithdraw: Withdraw; onCancel: () => void; onDone: () => void };

/** What withdrawing does, the reason it needs, and "Intrekken" / "Annuleren". */
export function WithdrawForm({ id, pair, onWithdraw, onCancel, onDone }: FormProps) {
  const t = useTranslations("consent.withdraw");
  const form = useWithdraw(pair, onWithdraw, onDone);
  const field = useRef<HTMLTextAreaElement>(null);
  const { mutation } = form;
  return (
    <form
      id={id}
      aria-label={t("formLabel", { provider: pair.providerName, api: pair.apiLabel })}
      data-testid={`withdraw-${pair.providerId}-${pair.api}`}
      noValidate
      className="min-w-64 space-y-2 rounded border border-slate-300 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!form.submit()) field.current?.focus();
      }}
    >
      <p id={`${id}-explain`}>{t("explain")}</p>
      <Field
        id={`${id}-reason`}
        label={<span className="font-semibold">{t("reason")}</span>}
        hint={t("reasonHint", { min: WITHDRAW_REASON_MIN })}
      >
        {(c) => (
          <textarea
            {...c}
            ref={field}
            aria-describedby={[`${id}-explain`, c["aria-describedby"], form.tooShort ? `${id}-error` : null].filter(Boolean).join(" ")}
            aria-invalid={form.tooShort || undefined}
            className={`${c.className} w-full`}
            value={form.reason}
            onChange={(e) => form.edit(e.target.value)}
            required
            rows={3}
            maxLength={1000}
          />
        )}
      </Field>
      {form.tooShort ? (
        <p id={`${id}-error`} className="text-red-900">
          {t("reasonTooShort", { min: WITHDRAW_REASON_MIN })}
        </p>
      ) : null}
      {mutation.isError ? <ErrorNotice error={mutation.error} title={t("failed")} size="sm" /> : null}
      {mutation.isPending ? <p role="status">{t("sending")}</p> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {t("submit")}
        </Button>
        <Button onClick={onCancel}>{t("cancel")}</Button>
      </div>
    </form>
  );
}
