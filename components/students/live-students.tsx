"use client";

import { useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { opaqueKey } from "@/components/lists/opaque-key";
import { QueryProvider } from "@/components/shell/query-provider";
import type { ColumnVisibility } from "@/components/ui/data-column";
import { DataTable } from "@/components/ui/data-table";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { useRefresh } from "@/components/ui/use-refresh";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import { InvalidRecords } from "./invalid-records";
import { exportStudents, fetchStudents, type StudentPage } from "./queries";
import { useStudentColumns } from "./student-columns";
import { STUDENT_FILTERS, STUDENT_ROW_HEIGHT, studentQueryOf, type StudentFilterValues } from "./student-params";
import { useStudentPages } from "./use-student-pages";

export type LiveStudentsProps = {
  /** The first page for `values`, as the server read it: shown at once (no name search), not asked again. */
  initial: StudentPage;
  values: StudentFilterValues;
  /** The name search as typed ("" for none); it never reaches the URL or the query cache's keys. */
  search: string;
  visible: ColumnVisibility;
  /** Where the reader had scrolled the server's rows when this list took over. */
  scrollTop?: number;
};

/** The browser's list of the school's students (loaded by StudentsList when needed), with react-query's cache. */
export function LiveStudents(props: LiveStudentsProps) {
  return (
    <QueryProvider>
      <LiveStudentsTable {...props} />
    </QueryProvider>
  );
}

/** The pages fetched as they scroll into view, the name search on the server, refresh and export. */
function LiveStudentsTable({ initial, values, search: typed, visible, scrollTop }: LiveStudentsProps) {
  const t = useTranslations("students");
  const [, setUrl] = useUrlFilters(STUDENT_FILTERS, { server: true });
  const search = useDeferredValue(typed.trim());
  const query = studentQueryOf(values, search);
  // The cache key holds an opaque token for the search, never its text.
  const keyParams: Record<string, string> = { ...studentQueryOf(values), ...(search ? { search: opaqueKey(search) } : {}) };
  const columns = useStudentColumns();
  // A failed refresh or export: what was thrown, and the title to show it under.
  const [notice, setNotice] = useState<{ error: unknown; title: string } | null>(null);
  const { first, firstKey, rowAt, onRangeChange, pageError } = useStudentPages(query, keyParams, search ? undefined : initial);
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
            sorting={{ id: values.sort, desc: values.dir === "desc" }}
            onSortingChange={(s) => setUrl(s ? { sort: s.id, dir: s.desc ? "desc" : "asc" } : { sort: undefined, dir: undefined })}
            columnVisibility={visible}
            virtual={{
              rowHeight: STUDENT_ROW_HEIGHT,
              label: t("scrollRegion"),
              testId: "students-scroll",
              scrollKey: JSON.stringify(keyParams),
              initialOffset: scrollTop,
              onRangeChange,
            }}
          />
        </>
      ) : null}
    </div>
  );
}
