import { useTranslations } from "next-intl";
import { ButtonLink } from "@/components/ui/button";
import { ExportButton } from "@/components/ui/export-button";
import { useFormats } from "@/components/ui/format";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { ServerRefresh } from "@/components/ui/server-refresh";
import { InvalidRecords } from "@/components/students/invalid-records";
import { SimpleTable } from "@/components/ui/simple-table";
import { useEnrollmentColumns } from "./enrollment-columns";
import {
  ENROLLMENT_PAGE_SIZE,
  enrollmentEndpoints,
  enrollmentsUrl,
  pageHref,
  queryOf,
  type EnrollmentFilterValues,
} from "./enrollment-params";
import type { EnrollmentExportBody, EnrollmentPage } from "./queries";

type T = (key: string, values?: Record<string, string | number>) => string;

/**
 * "120 inschrijvingen", with what the count leaves out or cannot say: records to be deleted (when hidden),
 * statuses nobody knows, pupils matched to nobody.
 */
export function countText(t: T, d: EnrollmentPage, showingDeleted: boolean): string {
  return [
    t("count", { total: d.total }),
    !showingDeleted && d.toBeDeleted ? t("hiddenDeleted", { count: d.toBeDeleted }) : "",
    d.unknownStatus ? t("unknownStatusCount", { count: d.unknownStatus }) : "",
    d.ambiguousStudent ? t("ambiguousStudentCount", { count: d.ambiguousStudent }) : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** Previous and next page as links (the page is rendered on the server), and where the reader is. */
function Pager({ values, page, pages }: { values: EnrollmentFilterValues; page: number; pages: number }) {
  const t = useTranslations("enrollments");
  const f = useFormats();
  const step = (to: number, label: string, arrow: string) =>
    to < 1 || to > pages ? (
      <span aria-hidden="true" className="px-3 py-1 text-slate-400">
        {arrow}
      </span>
    ) : (
      <ButtonLink href={pageHref(values, to)} aria-label={label} scroll={false}>
        {arrow}
      </ButtonLink>
    );
  return (
    <nav aria-label={t("page", { page, pages })} className="flex items-center gap-3 text-sm">
      {step(page - 1, t("previous"), "←")}
      <span>
        {f.number(page)} / {f.number(pages)}
      </span>
      {step(page + 1, t("next"), "→")}
    </nav>
  );
}

/**
 * One page of the school's enrollments as the server renders it (`values`: the filters it was read
 * with): the count, its age, the refresh and the export (the client pieces), the Source's records
 * left out, the rows and the pager.
 */
export function EnrollmentsView({ d, values }: { d: EnrollmentPage; values: EnrollmentFilterValues }) {
  const t = useTranslations("enrollments");
  const tList = useTranslations("students");
  const columns = useEnrollmentColumns(d.today);
  const query = queryOf(values);
  const { enrollmentType, schoolPeriodId, studyOfferingId, subjectOfferingId, studyYear, location } = query;
  const exported = { enrollmentType, schoolPeriodId, studyOfferingId, subjectOfferingId, studyYear, location };
  return (
    <>
      <ListToolbar count={countText(t, d, query.includeToBeDeleted === "1")} ageSeconds={d.ageSeconds}>
        <ServerRefresh url={enrollmentsUrl(query, true)} failedTitle={t("error")} />
        <ExportButton
          url={enrollmentEndpoints.export.path}
          body={{ ...exported, includeToBeDeleted: query.includeToBeDeleted === "1" } satisfies EnrollmentExportBody}
          fileName="inschrijvingen.csv"
          failedTitle={tList("exportFailed")}
        />
      </ListToolbar>
      <InvalidRecords page={d} />
      <SimpleTable columns={columns} rows={d.rows} rowKey={(r) => r.id} caption={t("title")} />
      <Pager values={values} page={query.page ?? 1} pages={Math.max(1, Math.ceil(d.total / ENROLLMENT_PAGE_SIZE))} />
    </>
  );
}
