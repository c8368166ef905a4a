"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { cancelScan, startScan } from "./queries";
import { useScanProgress, type ScanProgress } from "./use-scan-progress";

type Props = {
  schoolId: string;
  /** The running scan's progress as the server read it; null when none runs. */
  running: ScanProgress | null;
  /** Whether the school had a scan before (the button then says "Opnieuw controleren"). */
  again: boolean;
};

/** "123 van 480 leerlingen gevraagd", announced politely as it changes, over a native progress bar with that label. */
function ScanProgressBar({ progress }: { progress: ScanProgress }) {
  const t = useTranslations("dataQuality.scan");
  const id = useId();
  return (
    <div className="max-w-xl space-y-1 text-sm">
      <div role="status">
        <label htmlFor={id}>{t("progress", { done: progress.done, total: progress.total })}</label>
      </div>
      <progress id={id} max={Math.max(1, progress.total)} value={progress.done} className="block h-3 w-full" />
    </div>
  );
}

/**
 * The licence scan's client island: its start (POST, then the page rendered anew on the server with
 * the scan running), its progress while it runs (polled, useScanProgress) with "Stoppen", and why a
 * start, a stop or a poll failed (the kit's ErrorNotice: a 429 with its retry time). The server renders
 * everything else of the scan; this island is given a new key for each scan and state it shows.
 */
export function ScanControl({ schoolId, running, again }: Props) {
  const t = useTranslations("dataQuality.scan");
  const { progress, follow, refresh, end, pollError } = useScanProgress(schoolId, running);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<{ error: unknown; title: "startFailed" | "stopFailed" } | null>(null);
  const act = async (title: "startFailed" | "stopFailed", request: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await request();
      setFailed(null);
    } catch (error) {
      setFailed({ error, title });
    } finally {
      setBusy(false);
    }
  };
  const start = () =>
    act("startFailed", async () => {
      const { scan } = await startScan(schoolId);
      follow(scan.state === "running" ? { done: scan.done, total: scan.total } : null);
      refresh();
    });
  const stop = () =>
    act("stopFailed", async () => {
      await cancelScan(schoolId);
      end();
    });
  return (
    <div className="space-y-3">
      {progress ? <ScanProgressBar progress={progress} /> : null}
      {progress ? (
        <Button onClick={() => void stop()} aria-busy={busy || undefined}>
          {t("stop")}
        </Button>
      ) : (
        <Button variant="primary" onClick={() => void start()} aria-busy={busy || undefined}>
          {again ? t("again") : t("start")}
        </Button>
      )}
      {failed ? <ErrorNotice error={failed.error} title={t(failed.title)} size="sm" /> : null}
      {pollError && !failed ? <ErrorNotice error={pollError} title={t("pollFailed")} size="sm" /> : null}
    </div>
  );
}
