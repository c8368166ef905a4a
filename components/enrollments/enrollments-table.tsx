"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useFormats } from "@/components/ui/format";
import { DataTable } from "@/components/ui/lazy-data-table";
import { ListToolbar, RefreshButton } from "@/components/ui/list-toolbar";
import { Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { useRefresh } from "@/components/ui/use-refresh";
import { useUrlFilters, type FilterChanges } from "@/components/ui/use-url-filters";
import { useEnrollmentColumns } from "./enrollment-columns";
import { ENROLLMENT_FILTERS, EnrollmentFilters } from "./enrollment-filters";
import {
  ENROLLMENT_PAGE_SIZE,
  enrollmentKeys,
  exportEnrollments,
  fetchEnrollments,
  useEnrollmentOptions,
  type EnrollmentPage,
  type EnrollmentQuery,
} from "./queries";

type Filters = ReturnType<typeof useUrlFilters<typeof ENROLLMENT_FILTERS>>[0];
type T = (key: string, values?: Record<string, string | number>) => string;

/** The URL's filters as the route reads them: texts as they are, the year and page as numbers; "" is no filter. */
function queryOf({ studyYear, page, ...texts }: Filters): EnrollmentQuery {
  const set = Object.fromEntries(Object.entries(texts).filter(([, v]) => v)) as Omit<EnrollmentQuery, "studyYear" | "page">;
  return { ...set, ...(studyYear ? { studyYear: Number(studyYear) } : {}), ...(page ? { page: Number(page) } : {}) };
}

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

/** Previous and next page, and where the reader is. */
function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  const t = useTranslations("enrollments");
  const f = useFormats();
  return (
    <nav aria-label={t("page", { page, pages })} className="flex items-center gap-3 text-sm">
      <Button disabled={page <= 1} onClick={() => onPage(page - 1)} aria-label={t("previous")}>
        ←
      </Button>
      <span>
        {f.number(page)} / {f.number(pages)}
      </span>
      <Button disabled={page >= pages} onClick={() => onPage(page + 1)} aria-label={t("next")}>
        →
      </Button>
    </nav>
  );
}

/** One page of enrollments with its count, the Source's records left out, and the pager. */
function EnrollmentsPage({
  d,
  query,
  onRefresh,
  onExport,
  onPage,
}: {
  d: EnrollmentPage;
  query: EnrollmentQuery;
  onRefresh: () => Promise<unknown>;
  onExport: () => Promise<unknown>;
  onPage: (page: number) => void;
}) {
  const t = useTranslations("enrollments");
  const tList = useTranslations("students");
  const columns = useEnrollmentColumns(d.today);
  return (
    <>
      <ListToolbar
        count={countText(t, d, query.includeToBeDeleted === "1")}
        ageSeconds={d.ageSeconds}
        onRefresh={onRefresh}
        onExport={onExport}
      />
      {d.invalid.count > 0 ? (
        <Notice tone="warning">{tList("invalid", { count: d.invalid.count, paths: Object.keys(d.invalid.paths).join(", ") })}</Notice>
      ) : null}
      <DataTable columns={columns} rows={d.rows} rowKey={(r) => r.id} caption={t("title")} />
      <Pager page={query.page ?? 1} pages={Math.max(1, Math.ceil(d.total / ENROLLMENT_PAGE_SIZE))} onPage={onPage} />
    </>
  );
}

/** The school's enrollments: filters in the URL, one page at a time, refresh and export. */
export function EnrollmentsTable() {
  const t = useTranslations("enrollments");
  const tList = useTranslations("students");
  const [parsed, setUrl] = useUrlFilters(ENROLLMENT_FILTERS);
  const query = queryOf(parsed);
  // A new filter starts at the first page.
  const set = (changes: FilterChanges<typeof ENROLLMENT_FILTERS>) => setUrl("page" in changes ? changes : { ...changes, page: undefined });
  const options = useEnrollmentOptions();
  // A failed refresh (no title: the code's heading) or export.
  const [notice, setNotice] = useState<{ error: unknown; title?: string } | null>(null);
  const data = useQuery({
    queryKey: enrollmentKeys.list(query),
    queryFn: () => fetchEnrollments(query),
    placeholderData: keepPreviousData,
  });
  // Asks the Source again; a failed refresh keeps the rows already shown and says why. The filter options (same key family) came from the old answer too.
  const refresh = useRefresh(enrollmentKeys.list(query), () => fetchEnrollments(query, true));
  const onRefresh = async () => setNotice(await refresh());
  const exportCsv = async () => {
    const { enrollmentType, schoolPeriodId, studyOfferingId, subjectOfferingId, studyYear, location, includeToBeDeleted } = query;
    const failed = await exportEnrollments({
      enrollmentType,
      schoolPeriodId,
      studyOfferingId,
      subjectOfferingId,
      studyYear,
      location,
      includeToBeDeleted: includeToBeDeleted === "1",
    });
    setNotice(failed ? { error: failed, title: tList("exportFailed") } : null);
  };

  return (
    <div className="space-y-4">
      <EnrollmentFilters filter={parsed} set={set} options={options.data} />
      {options.isError ? <p className="text-sm text-slate-700">{tList("filtersUnavailable")}</p> : null}
      {notice ? <ErrorNotice error={notice.error} title={notice.title} /> : null}
      {data.isError ? (
        <div className="space-y-2">
          {notice ? null : <ErrorNotice error={data.error} title={t("error")} />}
          <div className="text-sm">
            <RefreshButton onRefresh={onRefresh} />
          </div>
        </div>
      ) : null}
      {data.isPending ? (
        <Skeleton label={t("loading")} rows={6} />
      ) : data.data ? (
        <EnrollmentsPage d={data.data} query={query} onRefresh={onRefresh} onExport={exportCsv} onPage={(p) => set({ page: String(p) })} />
      ) : null}
    </div>
  );
}
