"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { useFormats } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import type { ConsentCheckView } from "@/lib/contracts/consent";
import { useOverviewRefresh } from "./overview-refresh";
import type { CheckBody, Checked } from "./queries";
import { useAction } from "./use-action";

/** Checks a pair now at the Provider's data endpoint: the page binds checkConsent to its school. */
export type Check = (body: CheckBody) => Promise<Checked>;

/** The pair a check is about, with the names a screen reader hears. */
export type CheckPair = { providerId: string; providerName: string; api: CheckBody["api"]; apiLabel: string };

type Found = Pick<ConsentCheckView, "state" | "detail" | "recorded" | "disagrees">;

/**
 * What a check found, in words, and the warning when it contradicts the records. An unreachable
 * Provider says nothing about consent: its words say so, and it never warns. The kind of failure is
 * said as Source errors are said elsewhere (sourceError.kind.*), or named as it came.
 */
export function useCheckWords() {
  const t = useTranslations("consent.check");
  const source = useTranslations("sourceError");
  const kind = (detail: string) => (source.has(`kind.${detail}`) ? source(`kind.${detail}`, { code: "none" }).replace(/\.$/, "") : detail);
  const state = ({ state, detail }: Pick<Found, "state" | "detail">): string => {
    switch (state) {
      case "delivers":
        return t("state.delivers");
      case "refuses":
        return t("state.refuses", { code: detail ?? "none" });
      case "unreachable":
        return t("state.unreachable", { reason: detail ? kind(detail) : "none" });
      default:
        return t("state.other", { detail: detail ?? "none" });
    }
  };
  const warning = (found: Found): string | null => {
    if (!found.disagrees) return null;
    if (found.recorded === "consent" && found.state === "refuses") return t("disagrees.consentRefused");
    if (found.recorded === "none" && found.state === "delivers") return t("disagrees.noneDelivers");
    return null;
  };
  return { state, warning };
}

/**
 * The live check of an offered pair: what the Provider's data endpoint answered when last asked (or
 * that it was never asked), a warning where that contradicts the records, and (`onCheck`) "Nu
 * controleren". No live region of its own (the matrix is polled); the button's outcome is announced.
 */
export function LiveCheck({ check, pair, onCheck }: { check: ConsentCheckView | null; pair: CheckPair; onCheck?: Check }) {
  const t = useTranslations("consent.check");
  const f = useFormats();
  const words = useCheckWords();
  const warning = check ? words.warning(check) : null;
  return (
    <div
      data-check={check?.state ?? "none"}
      data-disagrees={warning ? "true" : "false"}
      className="space-y-1 border-t border-slate-200 pt-1"
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <p>{check ? t("line", { state: words.state(check), when: f.dateTime(check.checkedAt) }) : t("never")}</p>
        {onCheck ? <CheckButton pair={pair} onCheck={onCheck} /> : null}
      </div>
      {warning ? (
        // Part of the polled cell, not a live region: the button's own outcome says it aloud.
        <Notice tone="warning" size="sm" role={null}>
          {warning}
        </Notice>
      ) : null}
    </div>
  );
}

/** The request that checks; the refreshed matrix shows the new check (it is polled as well). */
function useCheck(onCheck: Check) {
  const refresh = useOverviewRefresh();
  return useAction(onCheck, { onSuccess: refresh });
}

/**
 * Gives focus back to the button once it is enabled again, when disabling it left focus nowhere (a
 * browser moves focus off a button that turns disabled).
 */
function useKeepFocus(busy: boolean) {
  const id = useId();
  const wasBusy = useRef(false);
  useEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (wasBusy.current && !busy && lost) document.getElementById(id)?.focus();
    wasBusy.current = busy;
  }, [busy, id]);
  return id;
}

/** "Nu controleren" for a pair; while it runs it is disabled and says so, then says what the Provider answered or why it failed. */
function CheckButton({ pair, onCheck }: { pair: CheckPair; onCheck: Check }) {
  const t = useTranslations("consent.check");
  const words = useCheckWords();
  const mutation = useCheck(onCheck);
  const id = useKeepFocus(mutation.isPending);
  const found = mutation.data;
  const said = mutation.isPending
    ? t("checking")
    : found
      ? [t("checked", { state: words.state(found) }), words.warning(found)].filter(Boolean).join(" ")
      : null;
  return (
    <>
      <Button
        id={id}
        className="text-xs"
        disabled={mutation.isPending}
        onClick={() => mutation.mutate({ providerId: pair.providerId, api: pair.api })}
      >
        {t("button")}
        <span className="sr-only"> {t("buttonFor", { provider: pair.providerName, api: pair.apiLabel })}</span>
      </Button>
      {/* One element for "checking…" and then the answer, so the polite region is in place before the answer comes. */}
      {said ? (
        <p role="status" className="basis-full text-slate-700">
          {said}
        </p>
      ) : null}
      {mutation.isError ? (
        <div className="basis-full">
          <ErrorNotice error={mutation.error} title={t("failed")} size="sm" />
        </div>
      ) : null}
    </>
  );
}
