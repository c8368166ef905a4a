"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import type { MassChangeListName } from "@/lib/contracts/mass-change";
import { isApiError } from "@/components/lists/api";
import { acceptMassChange } from "./queries";

/** A list whose change waits, with the count the reader is shown (the acceptance sends it back). */
export type WaitingList = { list: MassChangeListName; now: number };

type Outcome = { kind: "accepted" | "nothingWaiting" } | { kind: "failed"; error: unknown };

type Props = {
  schoolId: string;
  lists: readonly WaitingList[];
  /** Whether the reader may accept (dataquality.accept: a school administrator of the school); others read who can. */
  allowed: boolean;
};

const capital = (list: MassChangeListName) => (list === "students" ? "Students" : "Enrollments");

/** The acceptance's request: what came of it, then the page rendered anew on the server (after a 409 too: it shows the new counts). */
function useAccept(schoolId: string) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [asking, setAsking] = useState<WaitingList | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const confirm = async () => {
    if (!asking || busy) return;
    setBusy(true);
    // Done, or the counts moved on (409): the question is answered, and the page shows what stands now.
    // Another failure keeps the question open, to try again or cancel.
    let done = true;
    try {
      const { accepted } = await acceptMassChange(schoolId, { list: asking.list, now: asking.now });
      setOutcome({ kind: accepted ? "accepted" : "nothingWaiting" });
    } catch (error) {
      setOutcome({ kind: "failed", error });
      done = isApiError(error) && error.status === 409;
    } finally {
      setBusy(false);
    }
    if (!done) return;
    setAsking(null);
    startTransition(() => router.refresh());
  };
  const ask = (waiting: WaitingList) => {
    setOutcome(null);
    setAsking(waiting);
  };
  return { asking, ask, cancel: () => setAsking(null), confirm, busy, outcome };
}

/**
 * Accepting a mass change of the school's LAS lists (the client piece of the Datakwaliteit page's
 * notice): per waiting list a button with the count it accepts, then a confirmation of what accepting
 * means, then the POST; what came of it is said in a live region (an error as the kit's ErrorNotice,
 * a 409 with the server's words). Whoever may not accept reads who can.
 */
export function AcceptMassChange({ schoolId, lists, allowed }: Props) {
  const t = useTranslations("massChange");
  const { asking, ask, cancel, confirm, busy, outcome } = useAccept(schoolId);
  const confirmId = useId();
  const question = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);
  if (!allowed) return <p className="text-sm">{t("onlyAdmin")}</p>;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {lists.map((w) => (
          <Button
            key={w.list}
            id={`${confirmId}-${w.list}`}
            onClick={() => ask(w)}
            disabled={busy}
            aria-expanded={asking?.list === w.list}
            aria-controls={asking?.list === w.list ? confirmId : undefined}
          >
            {t(`accept${capital(w.list)}`, { now: w.now })}
          </Button>
        ))}
      </div>
      {asking ? (
        <div ref={question} id={confirmId} tabIndex={-1} role="group" aria-labelledby={`${confirmId}-text`} className="max-w-3xl space-y-2">
          <p id={`${confirmId}-text`}>{t("acceptConfirm")}</p>
          <div className="flex flex-wrap gap-2">
            <Button variant="primary" onClick={() => void confirm()} aria-busy={busy || undefined}>
              {t("confirm")}
            </Button>
            <Button
              onClick={() => {
                document.getElementById(`${confirmId}-${asking.list}`)?.focus();
                cancel();
              }}
              disabled={busy}
            >
              {t("cancel")}
            </Button>
          </div>
        </div>
      ) : null}
      <p role="status" className="text-sm">
        {outcome && outcome.kind !== "failed" ? t(outcome.kind) : null}
      </p>
      {outcome?.kind === "failed" ? <ErrorNotice error={outcome.error} title={t("acceptFailed")} size="sm" /> : null}
    </div>
  );
}
