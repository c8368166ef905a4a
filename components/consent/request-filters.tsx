"use client";

import { useTranslations } from "next-intl";
import { filterBar } from "@/components/ui/classes";
import { Field } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";
import type { ListFilterChanges, ListFilters } from "./list-filters";
import type { ConsentOverview } from "./queries";
import { STATUSES, useLabels } from "./status";

/** A value from the URL that is not (or no longer) offered stays selectable, in words, so the select shows what filters. */
const withCurrent = (values: readonly string[], current: string | undefined) =>
  current && !values.includes(current) ? [...values, current] : values;

/** Gegevensdienst, Aanbieder, Status and Gewijzigd sinds: the request list's filters, kept in the URL by the page. */
export function RequestFilters({
  data,
  filters,
  onFilter,
}: {
  data: ConsentOverview;
  filters: ListFilters;
  onFilter: (changes: ListFilterChanges) => void;
}) {
  const t = useTranslations("consent");
  const labels = useLabels();
  return (
    <fieldset className={filterBar}>
      <legend className="sr-only">{t("filters")}</legend>
      <FilterSelect
        id="f-api"
        label={t("filterApi")}
        all={t("all")}
        value={filters.api ?? ""}
        onChange={(api) => onFilter({ api })}
        options={withCurrent(data.matrix.apis, filters.api).map((api) => ({ value: api, label: labels.api(api) }))}
      />
      <FilterSelect
        id="f-provider"
        label={t("filterProvider")}
        all={t("all")}
        value={filters.provider ?? ""}
        onChange={(provider) => onFilter({ provider })}
        options={withCurrent(
          data.providers.map((p) => p.id),
          filters.provider,
        ).map((id) => ({ value: id, label: data.providers.find((p) => p.id === id)?.name ?? id }))}
      />
      <FilterSelect
        id="f-status"
        label={t("filterStatus")}
        all={t("all")}
        value={filters.status ?? ""}
        onChange={(status) => onFilter({ status })}
        options={withCurrent(STATUSES, filters.status).map((s) => ({ value: s, label: labels.status(s) }))}
      />
      <Field id="f-since" label={t("filterSince")}>
        {(c) => <input {...c} type="date" value={filters.since ?? ""} onChange={(e) => onFilter({ since: e.target.value })} />}
      </Field>
    </fieldset>
  );
}
