"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { startTransition, useState } from "react";
import { useRefresh } from "@/components/ui/use-refresh";
import {
  employeeKeys,
  exportAssignments,
  fetchAssignments,
  removeEmployee,
  saveEmployee,
  type AssignmentFilters,
  type Who,
} from "./queries";

/** A failed refresh (no title: the code's heading) or export, shown above the assignments. */
export type AssignmentsNotice = { error: unknown; title?: string } | null;

/**
 * One employee's assignments under the filters, and what can be done with them: the lookup (the
 * identifier in the request body only), the refresh and the export (a failure of either kept in
 * `notice`), and saving them to or removing them from the school's list. The list is read by the
 * page on the server, so a change renders the page anew (`router.refresh()`, which keeps what is
 * picked and typed) and asks again whether the employee is on it.
 */
export function useAssignments(who: Who, filters: AssignmentFilters) {
  const tList = useTranslations("students");
  const router = useRouter();
  const [notice, setNotice] = useState<AssignmentsNotice>(null);
  const lookupKey = employeeKeys.assignments(who, filters);
  const lookup = useQuery({ queryKey: lookupKey, queryFn: () => fetchAssignments(who, filters), retry: false, gcTime: 0 });
  const listChanged = async () => {
    startTransition(() => router.refresh());
    await lookup.refetch();
  };
  const save = useMutation({ mutationFn: saveEmployee, onSuccess: listChanged });
  const remove = useMutation({ mutationFn: removeEmployee, onSuccess: listChanged });
  // Asks the Source again; a failed refresh keeps the assignments shown and says why.
  const refresh = useRefresh(lookupKey, () => fetchAssignments(who, filters, true));
  const onRefresh = async () => setNotice(await refresh());
  const onExport = async () => {
    const failed = await exportAssignments(who, filters);
    setNotice(failed ? { error: failed, title: tList("exportFailed") } : null);
  };
  return { lookup, save, remove, notice, onRefresh, onExport };
}
