import { useTranslations } from "next-intl";
import { useFormats } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import type { School } from "./check-section";
import { useErrorKindWords } from "./error-kind";
import type { Scan } from "./queries";
import { ScanControl } from "./scan-control";
import { ScanFindings } from "./scan-findings";

type Props = {
  /** The school's scan as the server read it (readScan); null when none is kept. */
  scan: Scan | null;
  school: School;
  /** Whether the viewer may open a pupil's page (students.read), so a finding links to it. */
  pupilLinks: boolean;
  /** The scan could not be read (the page's read failed): shown instead of it. */
  error?: unknown;
};

/**
 * "Licenties bij de registraties", below the LAS checks and rendered on the server from the school's
 * licence scan; its start, stop and progress are the client island ScanControl. What the scan does,
 * then by the scan's state: how it works and a start (none yet); its progress and a stop (running);
 * what each registry answered and the two checks (done); how far it got (cancelled); why it failed.
 */
export function LicenceScan({ scan, school, pupilLinks, error }: Props) {
  const t = useTranslations("dataQuality.scan");
  return (
    <section aria-labelledby="licence-scan" className="space-y-4 border-t-2 border-slate-400 pt-6" data-scan={scan?.state ?? "none"}>
      <h2 id="licence-scan" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="max-w-3xl text-sm">{t("intro")}</p>
      {error ? <ErrorNotice error={error} title={t("readFailed")} /> : <ScanState scan={scan} school={school} pupilLinks={pupilLinks} />}
    </section>
  );
}

/** The scan's state, with the island for what can be done next (a new key for each scan and state, so it starts afresh). */
function ScanState({ scan, school, pupilLinks }: Omit<Props, "error">) {
  const t = useTranslations("dataQuality.scan");
  const f = useFormats();
  const reason = useErrorKindWords(t("reasonUnknown"));
  const running = scan?.state === "running" ? { done: scan.done, total: scan.total } : null;
  const control = (
    <ScanControl key={scan ? `${scan.id}:${scan.state}` : "none"} schoolId={school.id} running={running} again={scan !== null} />
  );
  const text = "max-w-3xl text-sm";
  switch (scan?.state) {
    case undefined:
      return (
        <>
          <p className={text}>{t("howLong")}</p>
          {control}
        </>
      );
    case "running":
      return (
        <>
          <p className={text}>{t("running", { startedAt: f.dateTime(scan.startedAt) })}</p>
          {control}
        </>
      );
    case "cancelled":
      return (
        <>
          <Notice tone="info" role={null}>
            <p>{t("cancelled", { finishedAt: f.dateTime(scan.finishedAt), done: scan.done, total: scan.total })}</p>
          </Notice>
          {control}
        </>
      );
    case "failed":
      return (
        <>
          <Notice tone="error" title={t("failedTitle")} titleAs="h3" role={null}>
            <p>{t("failed", { reason: reason(scan.error), finishedAt: f.dateTime(scan.finishedAt) })}</p>
          </Notice>
          {control}
        </>
      );
    case "done":
      return <ScanFindings scan={scan} school={school} pupilLinks={pupilLinks} control={control} />;
  }
}
