"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import type { EnrollmentOptions } from "@/components/enrollments/queries";
import type { ColumnVisibility } from "@/components/ui/data-column";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import type { StudentPage } from "./queries";
import { useStudentColumns } from "./student-columns";
import { StudentFilters } from "./student-filters";
import { HIDDEN_COLUMNS, STUDENT_FILTERS, type StudentFilterValues } from "./student-params";
import { useLiveList } from "./use-live-list";

type Props = {
  /** The first page for the URL's filters, as the server read it. */
  initial: StudentPage;
  values: StudentFilterValues;
  canFilter: boolean;
  /** What the Source's filters offer; undefined when it could not be read. */
  options?: EnrollmentOptions;
  /** The first rows, their count and toolbar, rendered on the server (StudentsPreview). */
  preview: ReactNode;
};

const loadLive = () => import("./live-students").then((m) => m.LiveStudents);

/**
 * The Leerlingen list: the filters, and the first rows as the server rendered them until the reader
 * scrolls the list, searches by name or chooses columns; then the browser's list takes over (its
 * code loads only then), which fetches the pages scrolled into view and searches on the server. The
 * filters and the sort are in the URL and render the page anew on the server; the name search stays here.
 */
export function StudentsList({ initial, values, canFilter, options, preview }: Props) {
  const t = useTranslations("students");
  const [, setUrl, { pending }] = useUrlFilters(STUDENT_FILTERS, { server: true });
  const [q, setQ] = useState("");
  const [visible, setVisible] = useState<ColumnVisibility>(HIDDEN_COLUMNS);
  const columns = useStudentColumns();
  const { live, around, preload, start } = useLiveList(loadLive);
  return (
    <div className="space-y-4" onPointerEnter={preload} onFocusCapture={preload}>
      <StudentFilters
        search={q}
        onSearch={(v) => {
          setQ(v);
          start();
        }}
        filters={canFilter ? { value: values, set: setUrl, options } : undefined}
        columns={columns}
        visibility={visible}
        onVisibility={(v) => {
          setVisible(v);
          start();
        }}
      />
      {canFilter && !options ? <p className="text-sm text-slate-700">{t("filtersUnavailable")}</p> : null}
      {canFilter ? <p className="text-sm text-slate-700">{t("classNote")}</p> : null}
      <p role="status" className="text-sm text-slate-700">
        {pending ? t("loading") : null}
      </p>
      {live ? (
        <live.List initial={initial} values={values} search={q} visible={visible} scrollTop={live.scrollTop} />
      ) : (
        <div ref={around} className="space-y-4" onScrollCapture={start}>
          {preview}
        </div>
      )}
    </div>
  );
}
