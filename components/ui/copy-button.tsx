"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "./button";

/**
 * "Kopieer tekst": copies `text` to the clipboard and says, as a status, whether that worked (a
 * browser may refuse; the reader then selects the text). The one client piece beside a text a
 * server component shows.
 */
export function CopyButton({ text, className }: { text: string; className?: string }) {
  const t = useTranslations("kit");
  const [outcome, setOutcome] = useState<"copied" | "copyFailed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome("copied");
    } catch {
      setOutcome("copyFailed");
    }
  };
  return (
    <div className={["flex flex-wrap items-center gap-3", className].filter(Boolean).join(" ")}>
      <Button onClick={() => void copy()}>{t("copy")}</Button>
      <p role="status">{outcome ? t(outcome) : null}</p>
    </div>
  );
}
