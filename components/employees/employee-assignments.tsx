"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/lazy-data-table";
import { Field } from "@/components/ui/field";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { Notice } from "@/components/ui/notice";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { useAssignmentColumns } from "./assignment-columns";
import type { AssignmentsAnswer, SaveEmployee, Who } from "./queries";

type Save = UseMutationResult<unknown, Error, SaveEmployee>;

type Props = {
  data: AssignmentsAnswer;
  who: Who;
  includeToBeDeleted: boolean;
  /** The staff member may add and remove employees on the school's list (employees.write). */
  canChangeList: boolean;
  save: Save;
  onRemove: (key: string) => void;
  onRefresh: () => Promise<unknown>;
  onExport: () => Promise<unknown>;
};

/** One employee's assignments: who it is, whether they are on the school's list, and the list itself. */
export function EmployeeAssignments({ data, who, includeToBeDeleted, canChangeList, save, onRemove, onRefresh, onExport }: Props) {
  const t = useTranslations("employees");
  const tList = useTranslations("students");
  const columns = useAssignmentColumns();
  const [saveName, setSaveName] = useState("");
  const count = `${t("count", { total: data.total })}${!includeToBeDeleted && data.toBeDeleted ? ` ${t("hiddenDeleted", { count: data.toBeDeleted })}` : ""}`;
  return (
    <section aria-labelledby="result-heading" className="space-y-3">
      <h2 id="result-heading" className="text-lg font-semibold">
        {data.employee.name ?? t("unnamed")} <span className="font-mono text-sm font-normal">{data.employee.maskedId}</span>
      </h2>
      {!canChangeList ? null : !data.employee.known && "employee" in who ? (
        <form
          className="flex flex-wrap items-end gap-3 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            if (saveName.trim()) save.mutate({ employee: who.employee, name: saveName.trim() }, { onSuccess: () => setSaveName("") });
          }}
        >
          <Field id="save-name" label={t("saveName")}>
            {(c) => <input {...c} value={saveName} onChange={(e) => setSaveName(e.target.value)} required maxLength={200} />}
          </Field>
          <Button type="submit" disabled={save.isPending}>
            {t("save")}
          </Button>
          {save.isError ? <ErrorNotice error={save.error} /> : null}
        </form>
      ) : data.employee.known ? (
        <p className="text-sm">
          {t("onList")} <Button onClick={() => onRemove(data.employee.key)}>{t("removeFromList")}</Button>
        </p>
      ) : null}
      <ListToolbar count={count} ageSeconds={data.ageSeconds} onRefresh={onRefresh} onExport={onExport} />
      {data.invalid.count > 0 ? (
        <Notice tone="warning">{tList("invalid", { count: data.invalid.count, paths: Object.keys(data.invalid.paths).join(", ") })}</Notice>
      ) : null}
      <DataTable columns={columns} rows={data.rows} rowKey={(r) => r.id} caption={t("tableCaption")} empty={<p>{t("none")}</p>} />
    </section>
  );
}
