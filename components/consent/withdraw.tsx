"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { clientLazy } from "@/components/ui/client-lazy";
import { focusRing } from "@/components/ui/classes";
import { useFormats } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import type { WithdrawalView } from "@/lib/contracts/consent";
import type { WithdrawBody, Withdrawn } from "./queries";
import { TONE_CLASS } from "./status";

/** The form's code loads when it is first opened (withdraw-form.tsx). */
const WithdrawForm = clientLazy(() => import("./withdraw-form").then((m) => m.WithdrawForm));

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
