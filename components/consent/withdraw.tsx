"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { focusRing } from "@/components/ui/classes";
import { Field } from "@/components/ui/field";
import { useFormats } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import type { WithdrawalView } from "@/lib/contracts/consent";
import { consentKeys, WITHDRAW_REASON_MIN, type WithdrawBody, type Withdrawn } from "./queries";
import { TONE_CLASS } from "./status";

/** Withdraws the school's consent for one pair: the page binds withdrawConsent to its school. */
export type Withdraw = (body: WithdrawBody) => Promise<Withdrawn>;

/** The pair a withdrawal is about, with the names a screen reader hears. */
export type WithdrawPair = { providerId: string; providerName: string; api: WithdrawBody["api"]; apiLabel: string };

/** Focuses the element whenever `when` turns truthy or changes to another truthy value (and on mount if it is). */
function useFocusWhen<T extends HTMLElement>(when: boolean | number) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (when) ref.current?.focus();
  }, [when]);
  return ref;
}

/**
 * The school's withdrawal of a pair: when and by whom, why, and whether the Provider has been told.
 * No live region (the matrix is polled); `focus` (a count of withdrawals just made here) moves focus here after each.
 */
export function WithdrawalText({ withdrawal, focus = 0 }: { withdrawal: WithdrawalView; focus?: number }) {
  const t = useTranslations("consent");
  const f = useFormats();
  const ref = useFocusWhen<HTMLDivElement>(focus);
  const { status, lastError } = withdrawal;
  return (
    <div
      ref={ref}
      tabIndex={focus ? -1 : undefined}
      data-withdrawal={status}
      className={`space-y-1 border-b border-slate-200 pb-2 ${focusRing}`}
    >
      <span data-tone="withdrawn" className={`inline-block rounded border px-1.5 py-0.5 font-medium ${TONE_CLASS.withdrawn}`}>
        {t("withdrawal.title")}
      </span>
      <p className="text-xs text-slate-700">
        {t("withdrawal.when", { when: f.dateTime(withdrawal.createdAt), who: withdrawal.createdBy })}
      </p>
      <p>{t("reasonShown", { reason: withdrawal.reason })}</p>
      {status === "failed" ? (
        <Notice tone="warning" size="sm" role={null}>
          {t("withdrawal.stateLine", { state: t("withdrawal.state.failed", { error: lastError ?? "—" }) })}
        </Notice>
      ) : (
        <p>{t("withdrawal.stateLine", { state: t(`withdrawal.state.${status}`) })}</p>
      )}
      {status === "queued" && withdrawal.attempts > 0 && lastError ? (
        <p className="text-slate-700">{t("retrying", { attempts: withdrawal.attempts, error: lastError })}</p>
      ) : null}
    </div>
  );
}

/** Said (and focused) right after a withdrawal, until the refreshed matrix shows it. */
export function WithdrawnNote() {
  const t = useTranslations("consent.withdraw");
  const ref = useFocusWhen<HTMLParagraphElement>(true);
  return (
    <p ref={ref} tabIndex={-1} role="status" className={`text-emerald-900 ${focusRing}`}>
      {t("saved")}
    </p>
  );
}

/** "Toestemming intrekken" for a pair, and its form while open (inline, below the button that opened it). */
export function WithdrawControl({ pair, onWithdraw, onDone }: { pair: WithdrawPair; onWithdraw: Withdraw; onDone: () => void }) {
  const t = useTranslations("consent.withdraw");
  const [open, setOpen] = useState(false);
  const id = useId();
  const buttonId = `${id}-button`;
  const formId = `${id}-form`;
  const close = () => {
    setOpen(false);
    document.getElementById(buttonId)?.focus();
  };
  return (
    <div className="space-y-2">
      <Button id={buttonId} aria-expanded={open} aria-controls={open ? formId : undefined} onClick={() => (open ? close() : setOpen(true))}>
        {t("open")}
        <span className="sr-only"> {t("openFor", { provider: pair.providerName, api: pair.apiLabel })}</span>
      </Button>
      {open ? (
        <WithdrawForm
          id={formId}
          pair={pair}
          onWithdraw={onWithdraw}
          onCancel={close}
          onDone={() => {
            setOpen(false);
            onDone();
          }}
        />
      ) : null}
    </div>
  );
}

/** The reason, checked here before anything is sent, and the mutation that withdraws; the reason survives a refusal. */
function useWithdraw(pair: WithdrawPair, onWithdraw: Withdraw, onDone: () => void) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [tooShort, setTooShort] = useState(false);
  const mutation = useMutation({
    mutationFn: onWithdraw,
    // Callbacks of the mutation itself (not of `mutate`): they run even when the refreshed matrix has already removed the form.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: consentKeys.overviews });
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

type FormProps = { id: string; pair: WithdrawPair; onWithdraw: Withdraw; onCancel: () => void; onDone: () => void };

/** What withdrawing does, the reason it needs, and "Intrekken" / "Annuleren". */
function WithdrawForm({ id, pair, onWithdraw, onCancel, onDone }: FormProps) {
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
