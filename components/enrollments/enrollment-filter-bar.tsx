"use client";

import { useTranslations } from "next-intl";
import { useUrlFilters, type FilterChanges } from "@/components/ui/use-url-filters";
import { EnrollmentFilters } from "./enrollment-filters";
import { ENROLLMENT_FILTERS } from "./enrollment-params";
import type { EnrollmentOptions } from "./queries";

/**
 * The Inschrijvingen page's filters: each change asks the server for the page anew (the list is
 * rendered there), starting at the first page; the rows shown stay until the new ones are there,
 * and a status says they are on their way. `options`: what the filters offer, read by the page.
 */
export function EnrollmentFilterBar({ options }: { options?: EnrollmentOptions }) {
  const t = useTranslations("enrollments");
  const [filter, setUrl, { pending }] = useUrlFilters(ENROLLMENT_FILTERS, { server: true });
  const set = (changes: FilterChanges<typeof ENROLLMENT_FILTERS>) => setUrl("page" in changes ? changes : { ...changes, page: undefined });
  return (
    <div className="space-y-2">
      <EnrollmentFilters filter={filter} set={set} options={options} />
      <p role="status" className="text-sm text-slate-700">
        {pending ? t("loading") : null}
      </p>
    </div>
  );
}
