"use client";

import { useLocale, useTranslations } from "next-intl";
import { filterBar } from "@/components/ui/classes";
import { FilterCheckbox } from "@/components/ui/filter-checkbox";
import { FilterSelect } from "@/components/ui/filter-select";
import { byStudyYearThenCode } from "@/components/ui/option-order";
import type { FilterChanges } from "@/components/ui/use-url-filters";
import type { ENROLLMENT_FILTERS, EnrollmentFilterValues as Filters } from "./enrollment-params";
import type { EnrollmentOptions } from "./queries";

/**
 * The Source's filters (type, period, offerings) and the dashboard's (study year, location, records
 * to be deleted). The offerings (hundreds at a large school) by study year, then code, with a search field.
 */
export function EnrollmentFilters({
  filter,
  set,
  options,
}: {
  filter: Filters;
  set: (changes: FilterChanges<typeof ENROLLMENT_FILTERS>) => void;
  options?: EnrollmentOptions;
}) {
  const t = useTranslations("enrollments");
  const locale = useLocale();
  return (
    <div className={filterBar}>
      <FilterSelect
        id="type"
        label={t("type")}
        value={filter.enrollmentType ?? ""}
        onChange={(v) => set({ enrollmentType: v })}
        options={[
          { value: "study", label: t("study") },
          { value: "subject", label: t("subject") },
        ]}
      />
      <FilterSelect
        id="period"
        label={t("period")}
        value={filter.schoolPeriodId ?? ""}
        onChange={(v) => set({ schoolPeriodId: v })}
        options={options?.periods ?? []}
      />
      <FilterSelect
        id="studyOfferingId"
        label={t("studyOffering")}
        className="max-w-60"
        searchable
        value={filter.studyOfferingId ?? ""}
        onChange={(v) => set({ studyOfferingId: v })}
        options={byStudyYearThenCode(options?.studyOfferings ?? [], locale).map((o) => o.id)}
      />
      <FilterSelect
        id="subjectOfferingId"
        label={t("offering")}
        className="max-w-72"
        searchable
        value={filter.subjectOfferingId ?? ""}
        onChange={(v) => set({ subjectOfferingId: v })}
        options={byStudyYearThenCode(options?.subjectOfferings ?? [], locale).map((o) => o.id)}
      />
      <FilterSelect
        id="studyYear"
        label={t("studyYear")}
        value={filter.studyYear ?? ""}
        onChange={(v) => set({ studyYear: v })}
        options={options?.studyYears.map(String) ?? []}
      />
      <FilterSelect
        id="location"
        label={t("location")}
        value={filter.location ?? ""}
        onChange={(v) => set({ location: v })}
        options={options?.locations ?? []}
      />
      <FilterCheckbox label={t("showDeleted")} value={filter.includeToBeDeleted} onChange={(v) => set({ includeToBeDeleted: v })} />
    </div>
  );
}
