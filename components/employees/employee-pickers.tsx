"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";
import { sortedByText } from "@/components/ui/option-order";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import type { EmployeeIdTypeName } from "@/lib/contracts/employees";
import { EMPLOYEE_ID_TYPES, employeeKeys, fetchKnownEmployees, type Who } from "./queries";

const card = "rounded border border-slate-300 bg-white p-4 text-sm";

/** Two ways to choose an employee: by an identifier typed in, or from the school's list. */
export function EmployeePickers({ who, onPick }: { who: Who | null; onPick: (who: Who) => void }) {
  const t = useTranslations("employees");
  const [idType, setIdType] = useState<EmployeeIdTypeName>("NEPRI");
  const [idValue, setIdValue] = useState("");
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <form
        className={`space-y-3 ${card}`}
        aria-labelledby="by-identifier-heading"
        onSubmit={(e) => {
          e.preventDefault();
          if (idValue.trim()) onPick({ employee: { userIdType: idType, userId: idValue.trim() } });
        }}
      >
        <h2 id="by-identifier-heading" className="text-lg font-semibold">
          {t("byIdentifier")}
        </h2>
        <div className="flex flex-wrap items-end gap-3">
          <FilterSelect
            id="id-type"
            label={t("idType")}
            all={false}
            value={idType}
            onChange={(v) => setIdType(EMPLOYEE_ID_TYPES.find((n) => n === v) ?? "NEPRI")}
            options={EMPLOYEE_ID_TYPES}
          />
          <Field id="id-value" label={t("idValue")}>
            {(c) => (
              <input
                {...c}
                className={`${c.className} w-72`}
                value={idValue}
                onChange={(e) => setIdValue(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                required
                maxLength={256}
              />
            )}
          </Field>
          <Button type="submit" variant="primary">
            {t("lookup")}
          </Button>
        </div>
        <p className="text-slate-700">{t("privacy")}</p>
      </form>

      <KnownList who={who} onPick={onPick} />
    </div>
  );
}

/** The school's employee list (it may be long: by name, with a search field); the one chosen is picked. */
function KnownList({ who, onPick }: { who: Who | null; onPick: (who: Who) => void }) {
  const t = useTranslations("employees");
  const locale = useLocale();
  const known = useQuery({ queryKey: employeeKeys.list, queryFn: fetchKnownEmployees, retry: false });
  const picked = who && "employeeKey" in who && known.data?.employees.some((e) => e.key === who.employeeKey) ? who.employeeKey : "";
  return (
    <section aria-labelledby="known-heading" className={`space-y-2 ${card}`}>
      <h2 id="known-heading" className="text-lg font-semibold">
        {t("knownTitle")}
      </h2>
      {known.isPending ? (
        <p role="status">{t("loadingKnown")}</p>
      ) : known.isError ? (
        <ErrorNotice error={known.error} />
      ) : known.data.employees.length === 0 ? (
        <p>{t("knownEmpty")}</p>
      ) : (
        <FilterSelect
          id="known-employee"
          label={t("knownPick", { count: known.data.employees.length })}
          all={t("choose")}
          className="max-w-80"
          searchable
          value={picked}
          onChange={(key) => {
            if (key) onPick({ employeeKey: key });
          }}
          options={sortedByText(
            known.data.employees.map((e) => ({ value: e.key, label: `${e.name} (${e.maskedId})` })),
            (o) => o.label,
            locale,
          )}
        />
      )}
    </section>
  );
}
