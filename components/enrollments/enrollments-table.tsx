"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { downloadPost, getJson, useEnrollmentOptions } from "@/components/lists/api";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { ListToolbar, RefreshButton } from "@/components/ui/list-toolbar";
import { Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { useRefresh } from "@/components/ui/use-refresh";
import { useUrlFilters, type FilterChanges } from "@/components/ui/use-url-filters";
import { useEnrollmentColumns, type EnrollmentRow } from "./enrollment-columns";
import { ENROLLMENT_FILTERS, EnrollmentFilters } from "./enrollment-filters";

type Answer = { total: number; toBeDeleted: number; unknownStatus: number; ambiguousStudent?: number; today: string; rows: EnrollmentRow[]; ageSeconds: number; invalid: { count: number; paths: Record<string, number> } };
const PAGE_SIZE = 50;

export function EnrollmentsTable() {
  const t = useTranslations("enrollments");
  const tList = useTranslations("students");
  const [parsed, setUrl] = useUrlFilters(ENROLLMENT_FILTERS);
  const filter = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v)) as Record<string, string>;
  const page = Number(filter.page ?? 1);
  // A new filter starts at the first page.
  const set = (changes: FilterChanges<typeof ENROLLMENT_FILTERS.shape>) => setUrl("page" in changes ? changes : { ...changes, page: undefined });
  const options = useEnrollmentOptions();
  // A failed refresh (no title: the code's heading) or export.
  const [notice, setNotice] = useState<{ error: unknown; title?: string } | null>(null);
  const url = (extra: Record<string, string>) => `/api/enrollments?${new URLSearchParams({ ...filter, pageSize: String(PAGE_SIZE), ...extra })}`;
  const data = useQuery({ queryKey: ["enrollments", filter], queryFn: () => getJson<Answer>(url({})), placeholderData: keepPreviousData });
  // Asks the Source again; a failed refresh keeps the rows already shown and says why. The filter options came from the old answer too.
  const refresh = useRefresh(["enrollments", filter], () => getJson<Answer>(url({ refresh: "1" })), ["enrollment-options"]);
  const onRefresh = async () => setNotice(await refresh());
  const exportCsv = async () => {
    const { enrollmentType, schoolPeriodId, studyOfferingId, subjectOfferingId, studyYear, location, includeToBeDeleted } = filter;
    const failed = await downloadPost("/api/enrollments/export", {
      enrollmentType, schoolPeriodId, studyOfferingId, subjectOfferingId, location,
      studyYear: studyYear ? Number(studyYear) : undefined, includeToBeDeleted: includeToBeDeleted === "1",
    }, "inschrijvingen.csv");
    setNotice(failed ? { error: failed, title: tList("exportFailed") } : null);
  };
  const columns = useEnrollmentColumns(data.data?.today ?? "");
  const pages = Math.max(1, Math.ceil((data.data?.total ?? 0) / PAGE_SIZE));
  const d = data.data;
  const count = d ? [
    t("count", { total: d.total }),
    filter.includeToBeDeleted !== "1" && d.toBeDeleted ? t("hiddenDeleted", { count: d.toBeDeleted }) : "",
    d.unknownStatus ? t("unknownStatusCount", { count: d.unknownStatus }) : "",
    d.ambiguousStudent ? t("ambiguousStudentCount", { count: d.ambiguousStudent }) : "",
  ].filter(Boolean).join(" ") : "";

  return (
    <div className="space-y-4">
      <EnrollmentFilters filter={parsed} set={set} options={options.data} />
      {options.isError ? <p className="text-sm text-slate-700">{tList("filtersUnavailable")}</p> : null}
      {notice ? <ErrorNotice error={notice.error} title={notice.title} /> : null}
      {data.isError ? <div className="space-y-2">{notice ? null : <ErrorNotice error={data.error} title={t("error")} />}<div className="text-sm"><RefreshButton onRefresh={onRefresh} /></div></div> : null}
      {data.isPending ? <Skeleton label={t("loading")} rows={6} /> : d ? (
        <>
          <ListToolbar count={count} ageSeconds={d.ageSeconds} onRefresh={onRefresh} onExport={exportCsv} />
          {d.invalid.count > 0 ? <Notice tone="warning">{tList("invalid", { count: d.invalid.count, paths: Object.keys(d.invalid.paths).join(", ") })}</Notice> : null}
          <DataTable columns={columns} rows={d.rows} rowKey={(r) => r.id} caption={t("title")} />
          <nav aria-label={t("page", { page, pages })} className="flex items-center gap-3 text-sm">
            <Button disabled={page <= 1} onClick={() => set({ page: String(page - 1) })} aria-label={t("previous")}>←</Button>
            <span>{page} / {pages}</span>
            <Button disabled={page >= pages} onClick={() => set({ page: String(page + 1) })} aria-label={t("next")}>→</Button>
          </nav>
        </>
      ) : null}
    </div>
  );
}
