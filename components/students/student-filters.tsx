"use client";

import { useTranslations } from "next-intl";
import { filterBar } from "@/components/ui/classes";
import { ColumnChooser } from "@/components/ui/column-chooser";
import type { ColumnVisibility, DataColumn } from "@/components/ui/data-column";
import { Field } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";
import type { EnrollmentOptions } from "@/components/enrollments/queries";
import type { StudentRow } from "./queries";

export type SourceFilters = { schoolPeriodId?: string; studyOfferingId?: string; subjectOfferingId?: string };

type Props = {
  search: string;
  onSearch: (q: string) => void;
  /** The Source's filters (periods and offerings), only for staff who may read enrollments. */
  filters?: { value: SourceFilters; set: (changes: SourceFilters) => void; options?: EnrollmentOptions };
  columns: Array<DataColumn<StudentRow>>;
  visibility: ColumnVisibility;
  onVisibility: (next: ColumnVisibility) => void;
};

/** The name search (kept in the component, never in the URL), the Source's filters and the column chooser. */
export function StudentFilters({ search, onSearch, filters, columns, visibility, onVisibility }: Props) {
  const t = useTranslations("students");
  const options = filters?.options;
  return (
    <div className={filterBar}>
      <Field id="search" label={t("search")}>
        {(c) => <input {...c} type="search" value={search} onChange={(e) => onSearch(e.target.value)} autoComplete="off" />}
      </Field>
      {filters ? (
        <>
          <FilterSelect
            id="f-period"
            label={t("filterPeriod")}
            value={filters.value.schoolPeriodId ?? ""}
            onChange={(v) => filters.set({ schoolPeriodId: v })}
            options={options?.periods ?? []}
          />
          <FilterSelect
            id="f-study"
            label={t("filterStudy")}
            className="max-w-60"
            value={filters.value.studyOfferingId ?? ""}
            onChange={(v) => filters.set({ studyOfferingId: v })}
            options={
              options?.studyOfferings.map((o) => ({
                value: o.id,
                label: o.studyYear !== undefined ? t("studyOption", { id: o.id, year: o.studyYear }) : o.id,
              })) ?? []
            }
          />
          <FilterSelect
            id="f-subject"
            label={t("filterSubject")}
            className="max-w-72"
            value={filters.value.subjectOfferingId ?? ""}
            onChange={(v) => filters.set({ subjectOfferingId: v })}
            options={options?.subjectOfferings.map((o) => o.id) ?? []}
          />
        </>
      ) : null}
      <ColumnChooser columns={columns} visibility={visibility} onChange={onVisibility} />
    </div>
  );
}
