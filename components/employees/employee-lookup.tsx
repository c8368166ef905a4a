"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useEnrollmentOptions } from "@/components/enrollments/queries";
import { QueryView } from "@/components/ui/query-view";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { useRefresh } from "@/components/ui/use-refresh";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import { ASSIGNMENT_FILTERS, AssignmentFilters } from "./assignment-filters";
import { EmployeeAssignments } from "./employee-assignments";
import { EmployeePickers } from "./employee-pickers";
import {
  employeeKeys,
  exportAssignments,
  fetchAssignments,
  removeEmployee,
  saveEmployee,
  type AssignmentFilters as Filters,
  type Who,
} from "./queries";

/** `canChangeList`: the staff member may add, rename and remove employees on the school's list (employees.write). */
export function EmployeeLookup({ canChangeList }: { canChangeList: boolean }) {
  const t = useTranslations("employees");
  const tList = useTranslations("students");
  const queryClient = useQueryClient();
  const [filter, setUrl] = useUrlFilters(ASSIGNMENT_FILTERS);
  const includeToBeDeleted = filter.includeToBeDeleted === "1";
  const filters: Filters = {
    assignmentType: filter.assignmentType,
    schoolPeriodId: filter.schoolPeriodId || undefined,
    includeToBeDeleted,
  };
  const [who, setWho] = useState<Who | null>(null);
  // A failed refresh (no title: the code's heading) or export.
  const [notice, setNotice] = useState<{ error: unknown; title?: string } | null>(null);
  const options = useEnrollmentOptions();
  const lookupKey = employeeKeys.assignments(who, filters);
  const lookup = useQuery({
    queryKey: lookupKey,
    queryFn: () => fetchAssignments(who!, filters),
    enabled: who !== null,
    retry: false,
    gcTime: 0,
  });
  const listChanged = async () => {
    await queryClient.invalidateQueries({ queryKey: employeeKeys.list });
    await lookup.refetch();
  };
  const save = useMutation({ mutationFn: saveEmployee, onSuccess: listChanged });
  const remove = useMutation({ mutationFn: removeEmployee, onSuccess: listChanged });
  const exportCsv = async () => {
    if (!who) return;
    const failed = await exportAssignments(who, filters);
    setNotice(failed ? { error: failed, title: tList("exportFailed") } : null);
  };
  // Asks the Source again; a failed refresh keeps the assignments shown and says why.
  const refresh = useRefresh(lookupKey, () => fetchAssignments(who!, filters, true));
  const onRefresh = async () => setNotice(await refresh());

  return (
    <div className="space-y-6">
      <EmployeePickers who={who} onPick={setWho} />
      <AssignmentFilters filter={filter} set={setUrl} options={options.data} />
      {notice ? <ErrorNotice error={notice.error} title={notice.title} /> : null}
      {who === null ? (
        <p className="text-slate-700">{t("nothingYet")}</p>
      ) : (
        <QueryView query={lookup} loadingLabel={t("loading")} errorTitle={t("error")}>
          {(data) => (
            <EmployeeAssignments
              data={data}
              who={who}
              includeToBeDeleted={includeToBeDeleted}
              canChangeList={canChangeList}
              save={save}
              onRemove={(key) => remove.mutate(key)}
              onRefresh={onRefresh}
              onExport={exportCsv}
            />
          )}
        </QueryView>
      )}
    </div>
  );
}
