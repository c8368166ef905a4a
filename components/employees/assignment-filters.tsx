"use client";

import { useTranslations } from "next-intl";
import { filterBar } from "@/components/ui/classes";
import { FilterCheckbox } from "@/components/ui/filter-checkbox";
import { FilterSelect } from "@/components/ui/filter-select";
import type { FilterChanges } from "@/components/ui/use-url-filters";
import { oneOf, text, type UrlValues } from "@/components/ui/url-params";
import { ASSIGNMENT_TYPES, useTypeLabel } from "./kinds";

// Type and period are in the URL (no personal data); the employee never is.
export const ASSIGNMENT_FILTERS = {
  assignmentType: oneOf(ASSIGNMENT_TYPES),
  schoolPeriodId: text(),
  includeToBeDeleted: oneOf(["1"] as const),
};
type Filters = UrlValues<typeof ASSIGNMENT_FILTERS>;

/** The assignments' filters: type, period (`periods`: those of the school's enrollments, read by the page) and whether deleted ones show. */
export function AssignmentFilters({
  filter,
  set,
  periods,
}: {
  filter: Filters;
  set: (changes: FilterChanges<typeof ASSIGNMENT_FILTERS>) => void;
  periods?: readonly string[];
}) {
  const t = useTranslations("employees");
  const tList = useTranslations("students");
  const typeLabel = useTypeLabel();
  return (
    <div className={filterBar}>
      <FilterSelect
        id="f-type"
        label={t("filterType")}
        value={filter.assignmentType ?? ""}
        onChange={(v) => set({ assignmentType: v })}
        options={ASSIGNMENT_TYPES.map((x) => ({ value: x, label: typeLabel(x) }))}
      />
      <FilterSelect
        id="f-period"
        label={tList("filterPeriod")}
        value={filter.schoolPeriodId ?? ""}
        onChange={(v) => set({ schoolPeriodId: v })}
        options={periods ?? []}
      />
      <FilterCheckbox label={t("showDeleted")} value={filter.includeToBeDeleted} onChange={(v) => set({ includeToBeDeleted: v })} />
    </div>
  );
}
