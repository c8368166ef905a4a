"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { revealIdentifiers, type RevealedIdentifiers } from "./queries";

/**
 * The masked identifier and the button that reveals the full ones: a deliberate act the BFF logs,
 * its answer held only in this component's memory (never in a cache, a URL or the page's HTML).
 */
export function RevealIdentifiers({ studentKey, maskedId }: { studentKey: string; maskedId: string }) {
  const t = useTranslations("student");
  const [revealed, setRevealed] = useState<RevealedIdentifiers | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const reveal = async () => {
    setBusy(true);
    setFailed(null);
    try {
      setRevealed(await revealIdentifiers(studentKey));
    } catch (error) {
      setFailed(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dd>
      {revealed ? (
        <ul className="font-mono text-xs">
          {revealed.identifiers.map((i) => (
            <li key={`${i.type}:${i.value}`}>
              <span className="font-sans font-semibold">{i.type}</span> {i.value}
            </li>
          ))}
        </ul>
      ) : (
        <span className="inline-flex flex-wrap items-center gap-2">
          <span className="font-mono text-xs">{maskedId}</span>
          <Button onClick={() => void reveal()} disabled={busy}>
            {t("reveal")}
          </Button>
          <span className="text-slate-700">{t("revealLogged")}</span>
        </span>
      )}
      {failed ? <ErrorNotice error={failed} /> : null}
    </dd>
  );
}
