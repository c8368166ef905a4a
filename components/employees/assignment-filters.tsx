"use client";

import { useTranslations } from "next-intl";
import { filterBar } from "@/components/ui/classes";
import { FilterCheckbox } from "@/components/ui/filter-checkbox";
import { FilterSelect } from "@/components/ui/filter-select";
import type { FilterChanges } from "@/components/ui/use-url-filters";
import { oneOf, text, type UrlValues } from "@/components/ui/url-params";
import type { EnrollmentOptions } from "@/lib/contracts/enrollments";
import { useTypeLabel } from "./assignment-columns";
import { ASSIGNMENT_TYPES } from "./queries";

// Type and period are in the URL (no personal data); the employee never is.
export const ASSIGNMENT_FILTERS = {
  assignmentType: oneOf(ASSIGNMENT_TYPES),
  schoolPeriodId: text(),
  includeToBeDeleted: oneOf(["1"] as const),
};
type Filters = UrlValues<typeof ASSIGNMENT_FILTERS>;

export function AssignmentFilters({
  filter,
  set,
  options,
}: {
  filter: Filters;
  set: (changes: FilterChanges<typeof ASSIGNMENT_FILTERS>) => void;
  options?: Pick<EnrollmentOptions, "periods">;
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
        options={options?.periods ?? []}
      />
      <FilterCheckbox label={t("showDeleted")} value={filter.includeToBeDeleted} onChange={(v) => set({ includeToBeDeleted: v })} />
    </div>
  );
}
