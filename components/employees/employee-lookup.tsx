"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { downloadPost, postJson, useEnrollmentOptions } from "@/components/lists/api";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { useRefresh } from "@/components/ui/use-refresh";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import { ASSIGNMENT_FILTERS, AssignmentFilters } from "./assignment-filters";
import { EmployeeAssignments, type AssignmentsAnswer } from "./employee-assignments";
import { EmployeePickers, type Who } from "./employee-pickers";

/** `canChangeList`: the staff member may add, rename and remove employees on the school's list (employees.write). */
export function EmployeeLookup({ canChangeList }: { canChangeList: boolean }) {
  const t = useTranslations("employees");
  const tList = useTranslations("students");
  const queryClient = useQueryClient();
  const [filter, setUrl] = useUrlFilters(ASSIGNMENT_FILTERS);
  const includeToBeDeleted = filter.includeToBeDeleted === "1";
  const filters = { assignmentType: filter.assignmentType, schoolPeriodId: filter.schoolPeriodId || undefined, includeToBeDeleted };
  const [who, setWho] = useState<Who | null>(null);
  // A failed refresh (no title: the code's heading) or export.
  const [notice, setNotice] = useState<{ error: unknown; title?: string } | null>(null);
  const options = useEnrollmentOptions();
  // The cache key holds the opaque key or a marker, never the typed identifier.
  const lookupKey = ["assignments", who && "employeeKey" in who ? who.employeeKey : who ? "typed" : null, filters, who && "employee" in who ? who.employee.userIdType : null];
  const lookup = useQuery({
    queryKey: lookupKey,
    queryFn: () => postJson<AssignmentsAnswer>("/api/employees/assignments", { ...who, ...filters }),
    enabled: who !== null,
    retry: false,
    gcTime: 0,
  });
  const listChanged = async () => {
    await queryClient.invalidateQueries({ queryKey: ["employees"] });
    await lookup.refetch();
  };
  const save = useMutation({
    mutationFn: (body: { employee: { userIdType: string; userId: string }; name: string }) => postJson<{ key: string }>("/api/employees", body),
    onSuccess: listChanged,
  });
  const remove = useMutation({ mutationFn: (key: string) => postJson("/api/employees/remove", { key }), onSuccess: listChanged });
  const exportCsv = async () => {
    if (!who) return;
    const failed = await downloadPost("/api/employees/assignments/export", { ...who, ...filters }, "toewijzingen.csv");
    setNotice(failed ? { error: failed, title: tList("exportFailed") } : null);
  };
  // Asks the Source again; a failed refresh keeps the assignments shown and says why.
  const refresh = useRefresh(lookupKey, () => postJson<AssignmentsAnswer>("/api/employees/assignments", { ...who, ...filters, refresh: true }));
  const onRefresh = async () => setNotice(await refresh());

  return (
    <div className="space-y-6">
      <EmployeePickers who={who} onPick={setWho} />
      <AssignmentFilters filter={filter} set={setUrl} options={options.data} />
      {notice ? <ErrorNotice error={notice.error} title={notice.title} /> : null}
      {who === null ? <p className="text-slate-700">{t("nothingYet")}</p> : lookup.isPending ? <Skeleton label={t("loading")} rows={4} /> : lookup.isError ? (
        <ErrorNotice error={lookup.error} title={t("error")} />
      ) : lookup.data ? (
        <EmployeeAssignments data={lookup.data} who={who} includeToBeDeleted={includeToBeDeleted} canChangeList={canChangeList} save={save} onRemove={(key) => remove.mutate(key)} onRefresh={onRefresh} onExport={exportCsv} />
      ) : null}
    </div>
  );
}
