import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useFormats } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { CheckSection, type School } from "./check-section";
import type { Scan } from "./queries";

type Done = Extract<Scan, { state: "done" }>;
type Props = { scan: Done; school: School; pupilLinks: boolean; control: ReactNode };

/**
 * Whether the scan saw every pupil it is about: each one asked, and every registry answered about each
 * of them. Only then may a check without findings say "no findings".
 */
function scanComplete(scan: Pick<Done, "registries" | "notAsked">): boolean {
  return scan.notAsked === 0 && scan.registries.length > 0 && scan.registries.every((r) => r.notAnswered === 0);
}

/**
 * A finished licence scan (rendered on the server): when it finished and over how many pupils, per
 * registry how many pupils it answered about and how many not, how many were not asked (with a warning
 * that the checks then say nothing about those pupils), the start of a new scan (`control`), and each of
 * the two checks as the LAS checks are shown.
 */
export function ScanFindings({ scan, school, pupilLinks, control }: Props) {
  const t = useTranslations("dataQuality.scan");
  const f = useFormats();
  const complete = scanComplete(scan);
  return (
    <>
      <p className="max-w-3xl text-sm font-semibold">{t("finished", { finishedAt: f.dateTime(scan.finishedAt), total: scan.total })}</p>
      <div className="max-w-3xl space-y-1 text-sm">
        <h3 className="font-semibold">{t("registriesTitle")}</h3>
        <ul className="list-disc space-y-1 pl-5">
          {scan.registries.map((r) => (
            <li key={r.sourceId} data-registry={r.sourceId}>
              {t("registry", { name: r.name, answered: r.answered, notAnswered: r.notAnswered })}
            </li>
          ))}
          {scan.notAsked ? <li>{t("notAsked", { count: scan.notAsked })}</li> : null}
        </ul>
      </div>
      {complete ? null : (
        <Notice tone="warning" title={t("partialTitle")} titleAs="h3" role={null}>
          <p>{t("partial")}</p>
        </Notice>
      )}
      {control}
      {scan.checks.map((check) => (
        <CheckSection
          key={check.id}
          check={check}
          school={school}
          basis={{ kind: "scan", finishedAt: scan.finishedAt, complete }}
          pupilLinks={pupilLinks}
          heading="h3"
        />
      ))}
    </>
  );
}
