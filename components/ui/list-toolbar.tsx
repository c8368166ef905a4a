"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { toolbarBox, toolbarNote } from "./classes";

type Props = {
  /** "204 leerlingen", with what the page adds ("3 verborgen"): a status, announced when it changes. */
  count: ReactNode;
  /** How old the Source's answer is, in seconds. */
  ageSeconds?: number;
  /** Asks the Source again (useRefresh). */
  onRefresh?: () => Promise<unknown>;
  /** Downloads the list as CSV. */
  onExport?: () => Promise<unknown> | void;
  /** More actions, after the refresh and export buttons. */
  children?: ReactNode;
};

/** Above a list: how many, how old, and the buttons to refresh and export it. */
export function ListToolbar({ count, ageSeconds, onRefresh, onExport, children }: Props) {
  const t = useTranslations("kit");
  return (
    <div className={toolbarBox}>
      <p role="status" aria-live="polite">
        {count}
      </p>
      {ageSeconds === undefined ? null : <p className={toolbarNote}>{t("age", { seconds: ageSeconds })}</p>}
      {onRefresh ? <RefreshButton onRefresh={onRefresh} /> : null}
      {onExport ? <Button onClick={() => void onExport()}>{t("export")}</Button> : null}
      {children}
    </div>
  );
}

/** "Vernieuwen"; a click while a refresh is under way does not start another. */
export function RefreshButton({ onRefresh }: { onRefresh: () => Promise<unknown> }) {
  const t = useTranslations("kit");
  const [busy, setBusy] = useState(false);
  const click = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await onRefresh();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={() => void click()} aria-busy={busy || undefined}>
      {t("refresh")}
    </Button>
  );
}
