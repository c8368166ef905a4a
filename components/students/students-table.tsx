"use client";

import { useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { useEnrollmentOptions } from "@/components/enrollments/use-enrollment-options";
import { opaqueKey } from "@/components/lists/opaque-key";
import type { ColumnVisibility } from "@/components/ui/data-column";
import { DataTable } from "@/components/ui/lazy-data-table";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { useRefresh } from "@/components/ui/use-refresh";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import { oneOf, text, withDefault } from "@/components/ui/url-params";
import { exportStudents, fetchStudents, type StudentPage, type StudentQuery } from "./queries";
import { STUDENT_SORTS, useStudentColumns } from "./student-columns";
import { StudentFilters } from "./student-filters";
import { useStudentPages } from "./use-student-pages";

// Filters and sort live in the URL (shareable, back button): periods and offerings, never a person.
const URL_FILTERS = {
  sort: withDefault(oneOf(STUDENT_SORTS), "familyName"),
  dir: withDefault(oneOf(["asc", "desc"] as const), "asc"),
  schoolPeriodId: text(),
  studyOfferingId: text(),
  subjectOfferingId: text(),
};

/** The Source's records left out of the list, by field path; nothing when none were. */
export function InvalidRecords({ page }: { page: StudentPage }) {
  const t = useTranslations("students");
  if (page.invalid.count === 0) return null;
  return <Notice tone="warning">{t("invalid", { count: page.invalid.count, paths: Object.keys(page.invalid.paths).join(", ") })}</Notice>;
}

/** The school's students: filters in the URL, a name search in memory, pages fetched as they scroll into view, refresh and export. */
export function StudentsTable({ canFilter }: { canFilter: boolean }) {
  const t = useTranslations("students");
  const [{ sort, dir, ...source }, setUrl] = useUrlFilters(URL_FILTERS);
  const filters = Object.fromEntries(Object.entries(source).filter(([, v]) => v)) as Record<string, string>;
  // The name search stays in this component: it is never written into the URL or the history.
  const [q, setQ] = useState("");
  const search = useDeferredValue(q.trim());
  const query: StudentQuery = { ...filters, sort, dir, ...(search ? { q: search } : {}) };
  // The cache key holds an opaque token for the search, never its text.
  const keyParams: Record<string, string> = { ...filters, sort, dir, ...(search ? { search: opaqueKey(search) } : {}) };
  const columns = useStudentColumns();
  const [visible, setVisible] = useState<ColumnVisibility>({ email: false });
  // A failed refresh or export: what was thrown, and the title to show it under.
  const [notice, setNotice] = useState<{ error: unknown; title: string } | null>(null);
  const options = useEnrollmentOptions(canFilter);
  const { first, firstKey, rowAt, onRangeChange, pageError } = useStudentPages(query, keyParams);
  const total = first.data?.total ?? 0;

  // A failed refresh keeps the rows already shown and says why.
  const refresh = useRefresh(firstKey, () => fetchStudents(query, 1, true));
  const onRefresh = async () => {
    const failed = await refresh();
    setNotice(failed ? { error: failed.error, title: t("error") } : null);
  };
  const exportCsv = async () => {
    const failed = await exportStudents(query);
    setNotice(failed ? { error: failed, title: t("exportFailed") } : null);
  };
  const failed = first.isError ? first.error : pageError;
  const error = notice ?? (failed ? { error: failed, title: t("error") } : null);

  return (
    <div className="space-y-4">
      <StudentFilters
        search={q}
        onSearch={setQ}
        filters={canFilter ? { value: source, set: setUrl, options: options.data } : undefined}
        columns={columns}
        visibility={visible}
        onVisibility={setVisible}
      />
      {canFilter && options.isError ? <p className="text-sm text-slate-700">{t("filtersUnavailable")}</p> : null}
      {canFilter ? <p className="text-sm text-slate-700">{t("classNote")}</p> : null}

      {error ? <ErrorNotice error={error.error} title={error.title} /> : null}
      {first.data ? <InvalidRecords page={first.data} /> : null}

      {first.isPending ? (
        <Skeleton label={t("loading")} rows={6} />
      ) : first.data ? (
        <>
          <ListToolbar count={t("count", { total })} ageSeconds={first.data.ageSeconds} onRefresh={onRefresh} onExport={exportCsv} />
          <DataTable
            columns={columns}
            remote={{ count: total, rowAt }}
            rowKey={(r) => r.key}
            caption={t("title")}
            empty={<p>{t("empty")}</p>}
            sorting={{ id: sort, desc: dir === "desc" }}
            onSortingChange={(s) => setUrl(s ? { sort: s.id, dir: s.desc ? "desc" : "asc" } : { sort: undefined, dir: undefined })}
            columnVisibility={visible}
            virtual={{
              rowHeight: 40,
              label: t("scrollRegion"),
              testId: "students-scroll",
              scrollKey: JSON.stringify(keyParams),
              onRangeChange,
            }}
          />
        </>
      ) : null}
    </div>
  );
}
