"use client";

import { useLocale, useTranslations } from "next-intl";
import { apiErrorOf } from "@/components/lists/api-error";
import { FilterSelect } from "@/components/ui/filter-select";
import { IdentifierLookupForm } from "@/components/ui/identifier-lookup-form";
import { sortedByText } from "@/components/ui/option-order";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { EMPLOYEE_ID_TYPES } from "./kinds";
import type { KnownRead, Who } from "./queries";

const card = "rounded border border-slate-300 bg-white p-4 text-sm";

/** The identifier types, NEPRI first (chosen at the start). */
const ID_OPTIONS = EMPLOYEE_ID_TYPES.map((x) => ({ value: x, label: x }));

type Props = { known: KnownRead; who: Who | null; onPick: (who: Who) => void };

/** Two ways to choose an employee: by an identifier typed in, or from the school's list (`known`, read by the page on the server). */
export function EmployeePickers({ known, who, onPick }: Props) {
  const t = useTranslations("employees");
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <IdentifierLookupForm
        className={`space-y-3 ${card}`}
        headingId="by-identifier-heading"
        idPrefix="id"
        heading={t("byIdentifier")}
        typeLabel={t("idType")}
        valueLabel={t("idValue")}
        submitLabel={t("lookup")}
        note={t("privacy")}
        types={ID_OPTIONS}
        maxLength={256}
        onLookup={(userIdType, userId) => onPick({ employee: { userIdType, userId } })}
      />

      <KnownList known={known} who={who} onPick={onPick} />
    </div>
  );
}

/**
 * The school's employee list (it may be long: by name, with a search field); the one chosen is
 * picked. A list that could not be read says why, with the route's code and words; the lookup by
 * identifier beside it still works.
 */
function KnownList({ known, who, onPick }: Props) {
  const t = useTranslations("employees");
  const locale = useLocale();
  const employees = known.ok ? known.value.employees : [];
  const picked = who && "employeeKey" in who && employees.some((e) => e.key === who.employeeKey) ? who.employeeKey : "";
  return (
    <section aria-labelledby="known-heading" className={`space-y-2 ${card}`}>
      <h2 id="known-heading" className="text-lg font-semibold">
        {t("knownTitle")}
      </h2>
      {!known.ok ? (
        <ErrorNotice error={apiErrorOf(known.status, known.body)} />
      ) : employees.length === 0 ? (
        <p>{t("knownEmpty")}</p>
      ) : (
        <FilterSelect
          id="known-employee"
          label={t("knownPick", { count: employees.length })}
          all={t("choose")}
          className="max-w-80"
          searchable
          value={picked}
          onChange={(key) => {
            if (key) onPick({ employeeKey: key });
          }}
          options={sortedByText(
            employees.map((e) => ({ value: e.key, label: `${e.name} (${e.maskedId})` })),
            (o) => o.label,
            locale,
          )}
        />
      )}
    </section>
  );
}
