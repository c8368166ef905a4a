"use client";

import { useTranslations } from "next-intl";
import * as z from "zod/mini";
import type { EnrollmentOptions } from "@/components/lists/api";
import { filterBar } from "@/components/ui/classes";
import { FilterSelect } from "@/components/ui/filter-select";
import type { FilterChanges } from "@/components/ui/use-url-filters";
import { ASSIGNMENT_TYPES, useTypeLabel } from "./assignment-columns";

// Type and period are in the URL (no personal data); the employee never is.
export const ASSIGNMENT_FILTERS = z.object({
  assignmentType: z.optional(z.enum(ASSIGNMENT_TYPES)),
  schoolPeriodId: z.optional(z.string()),
  includeToBeDeleted: z.optional(z.literal("1")),
});
type Filters = z.infer<typeof ASSIGNMENT_FILTERS>;

export function AssignmentFilters({ filter, set, options }: { filter: Filters; set: (changes: FilterChanges<typeof ASSIGNMENT_FILTERS.shape>) => void; options?: EnrollmentOptions }) {
  const t = useTranslations("employees");
  const tList = useTranslations("students");
  const typeLabel = useTypeLabel();
  return (
    <div className={filterBar}>
      <FilterSelect id="f-type" label={t("filterType")} value={filter.assignmentType ?? ""} onChange={(v) => set({ assignmentType: v })} options={ASSIGNMENT_TYPES.map((x) => ({ value: x, label: typeLabel(x) }))} />
      <FilterSelect id="f-period" label={tList("filterPeriod")} value={filter.schoolPeriodId ?? ""} onChange={(v) => set({ schoolPeriodId: v })} options={options?.periods ?? []} />
      <label className="inline-flex items-center gap-1">
        <input type="checkbox" checked={filter.includeToBeDeleted === "1"} onChange={(e) => set({ includeToBeDeleted: e.target.checked ? "1" : "" })} />
        {t("showDeleted")}
      </label>
    </div>
  );
}
