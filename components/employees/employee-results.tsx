"use client";

import { useTranslations } from "next-intl";
import { QueryProvider } from "@/components/shell/query-provider";
import { QueryView } from "@/components/ui/query-view";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { EmployeeAssignments } from "./employee-assignments";
import type { AssignmentFilters, Who } from "./queries";
import { useAssignments } from "./use-assignments";

type Props = {
  who: Who;
  filters: AssignmentFilters;
  /** The staff member may add and remove employees on the school's list (employees.write). */
  canChangeList: boolean;
};

/**
 * What the Medewerkers page shows once an employee is picked, fetched only then (React.lazy in
 * employee-lookup.tsx): react-query with the lookup, its refresh and export, the changes to the
 * school's list, and the table. None of it is in the page's first load.
 */
export default function EmployeeResults(props: Props) {
  return (
    <QueryProvider>
      <Results {...props} />
    </QueryProvider>
  );
}

/** A failed refresh or export above the assignments (those shown stay), then the lookup's answer, skeleton or error. */
function Results({ who, filters, canChangeList }: Props) {
  const t = useTranslations("employees");
  const { lookup, save, remove, notice, onRefresh, onExport } = useAssignments(who, filters);
  return (
    <>
      {notice ? <ErrorNotice error={notice.error} title={notice.title} /> : null}
      <QueryView query={lookup} loadingLabel={t("loading")} errorTitle={t("error")}>
        {(data) => (
          <EmployeeAssignments
            data={data}
            who={who}
            includeToBeDeleted={filters.includeToBeDeleted === true}
            canChangeList={canChangeList}
            save={save}
            onRemove={(key) => remove.mutate(key)}
            onRefresh={onRefresh}
            onExport={onExport}
          />
        )}
      </QueryView>
    </>
  );
}
