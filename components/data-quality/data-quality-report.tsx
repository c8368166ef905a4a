import Link from "next/link";
import { useTranslations } from "next-intl";
import { link, toolbarNote } from "@/components/ui/classes";
import { useFormats } from "@/components/ui/format";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { Notice } from "@/components/ui/notice";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { CheckSection, type Coverage, type School } from "./check-section";
import { useErrorKindWords } from "./error-kind";
import type { DataQuality, DataQualitySource } from "./queries";
import { ServerRefresh } from "@/components/ui/server-refresh";
import { dataQualityEndpoints, dataQualityUrl } from "./urls";

/** "Vernieuwen": the route checks again against the Sources (skipping the cache, counted against the refresh limit, logged). */
const refreshUrl = (schoolId: string) => dataQualityUrl(dataQualityEndpoints.list.path, schoolId, { refresh: "1" });

/** What the checks could see: a LAS not read leaves its pupils unchecked, and with none read nothing was checked. */
export function coverageOf(sources: readonly DataQualitySource[]): Coverage {
  const failed = sources.filter((s) => !s.ok);
  if (failed.length === sources.length) return { kind: "nothing" };
  return failed.length ? { kind: "partial", failed: failed.map((s) => s.name).join(", ") } : { kind: "full" };
}

/**
 * "7 controles, 12 bevindingen": never "no findings" where a LAS was not read (what was read is
 * named), nor where a check concluded nothing because a mass change of the LAS lists waits for review.
 */
function useSummary(d: DataQuality, coverage: Coverage): string {
  const t = useTranslations("dataQuality");
  const tMass = useTranslations("massChange");
  const findings = d.checks.reduce((n, c) => n + c.count, 0);
  const notKnown = d.checks.filter((c) => c.notKnown).length;
  if (coverage.kind === "nothing") return t("summaryNothing");
  if (coverage.kind === "partial") return t("summaryPartial", { checks: d.checks.length, findings });
  return notKnown ? tMass("summary", { checks: d.checks.length, findings, notKnown }) : t("summary", { checks: d.checks.length, findings });
}

/**
 * The Datakwaliteit page's answer, rendered on the server (its refresh, copy and export buttons are
 * the client pieces): which LAS lists were checked, the summary with the refresh, a warning for a
 * LAS that could not be read, and a section per check. `pupilLinks`: whether the viewer may open a
 * pupil's page (students.read), so a finding links to it.
 */
export function DataQualityReport({ d, school, pupilLinks }: { d: DataQuality; school: School; pupilLinks: boolean }) {
  const t = useTranslations("dataQuality");
  const f = useFormats();
  const coverage = coverageOf(d.sources);
  const read = d.sources.filter((s) => s.ok).map((s) => s.name);
  const summary = useSummary(d, coverage);
  return (
    <div className="space-y-6">
      <p className="max-w-3xl text-sm text-slate-700">
        {d.sources.length ? t("sources", { sources: read.join(", ") || "—" }) : t("noSources")}
      </p>
      <ListToolbar
        count={
          <>
            {summary}
            <span className={`block ${toolbarNote}`}>
              {t("scope", {
                pupils: d.pupils,
                enrollments: d.enrollments,
                date: f.day(d.referenceDate),
                checkedAt: f.dateTime(d.checkedAt),
              })}
            </span>
          </>
        }
      >
        <ServerRefresh url={refreshUrl(school.id)} failedTitle={t("refreshFailed")} />
      </ListToolbar>
      <SourcesWarning sources={d.sources} />
      {d.checks.map((check) => (
        <CheckSection
          key={check.id}
          check={check}
          school={school}
          basis={{ kind: "las", referenceDate: d.referenceDate, coverage }}
          pupilLinks={pupilLinks}
        />
      ))}
    </div>
  );
}

/** No answer (the checks could not run): why, and the refresh to try again. */
export function DataQualityFailed({ error, schoolId }: { error: unknown; schoolId: string }) {
  const t = useTranslations("dataQuality");
  return (
    <div className="space-y-2">
      <ErrorNotice error={error} title={t("error")} />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <ServerRefresh url={refreshUrl(schoolId)} failedTitle={t("error")} />
      </div>
    </div>
  );
}

/** Each LAS whose list could not be read, named with why: its pupils are not checked, whatever the counts say. */
function SourcesWarning({ sources }: { sources: readonly DataQualitySource[] }) {
  const t = useTranslations("dataQuality");
  const reason = useErrorKindWords(t("reasonUnknown"));
  const failed = sources.filter((s) => !s.ok);
  if (!failed.length) return null;
  return (
    <Notice
      tone="warning"
      title={t("failedTitle", { count: failed.length })}
      titleAs="h2"
      action={
        <p className="text-sm">
          {t("failedNext")}{" "}
          <Link href="/bronnen" className={link}>
            {t("toSources")}
          </Link>
        </p>
      }
    >
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {failed.map((s) => (
          <li key={s.sourceId}>{t("failedSource", { name: s.name, reason: reason(s.error) })}</li>
        ))}
      </ul>
    </Notice>
  );
}
