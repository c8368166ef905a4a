"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useState } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import { ASSIGNMENT_FILTERS, AssignmentFilters } from "./assignment-filters";
import { EmployeePickers } from "./employee-pickers";
import type { AssignmentFilters as Filters, KnownRead, Who } from "./queries";

// One employee's assignments, with react-query and the table: fetched when someone is picked, not with the page.
const EmployeeResults = lazy(() => import("./employee-results"));

type Props = {
  /** The school's list, read by the page on the server (or why it could not be). */
  known: KnownRead;
  /** The periods of the school's enrollments, for the filter; absent for whom may not read enrollments, or when they could not be read. */
  periods?: readonly string[];
  /** The staff member may add, rename and remove employees on the school's list (employees.write). */
  canChangeList: boolean;
};

/**
 * The Medewerkers page's lookup: the two ways to pick an employee and the filters (in the URL), and
 * once someone is picked their assignments, whose code comes only then (a skeleton meanwhile).
 */
export function EmployeeLookup({ known, periods, canChangeList }: Props) {
  const t = useTranslations("employees");
  const [filter, setUrl] = useUrlFilters(ASSIGNMENT_FILTERS);
  const filters: Filters = {
    assignmentType: filter.assignmentType,
    schoolPeriodId: filter.schoolPeriodId || undefined,
    includeToBeDeleted: filter.includeToBeDeleted === "1",
  };
  const [who, setWho] = useState<Who | null>(null);
  return (
    <div className="space-y-6">
      <EmployeePickers known={known} who={who} onPick={setWho} />
      <AssignmentFilters filter={filter} set={setUrl} periods={periods} />
      {who === null ? (
        <p className="text-slate-700">{t("nothingYet")}</p>
      ) : (
        <Suspense fallback={<Skeleton label={t("loading")} rows={4} />}>
          <EmployeeResults who={who} filters={filters} canChangeList={canChangeList} />
        </Suspense>
      )}
    </div>
  );
}
