"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { exportDataQuality, type ExportCheckId } from "./queries";

/** "Exporteer CSV" of one check (all its records, not only those shown); a failed export says why. */
export function ExportButton({ schoolId, check, name }: { schoolId: string; check: ExportCheckId; name: string }) {
  const t = useTranslations("dataQuality");
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const click = async () => {
    if (busy) return;
    setBusy(true);
    try {
      setFailed(await exportDataQuality(schoolId, check));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-2 text-sm">
      <Button onClick={() => void click()} aria-busy={busy || undefined}>
        {t("export")}
        <span className="sr-only"> {t("exportOf", { check: name })}</span>
      </Button>
      {failed ? <ErrorNotice error={failed} title={t("exportFailed")} size="sm" /> : null}
    </div>
  );
}
