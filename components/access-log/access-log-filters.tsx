import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { ACCESS_OUTCOME_NAMES, DATA_KIND_NAMES } from "@/lib/contracts/access-log";
import type { AccessLogFilters } from "./filters";
import { useAccessLogWords } from "./words";

/**
 * The access log's filters as a GET form the server renders: the controls are named as the query
 * string (and GET /api/access-log) names them and show the filters in force; "Filteren" loads the
 * page with them. No JavaScript.
 */
export function AccessLogFilterForm({ filters }: { filters: AccessLogFilters }) {
  const t = useTranslations("accessLog");
  const words = useAccessLogWords();
  return (
    <form method="get" className="flex flex-wrap items-end gap-4 rounded border border-slate-300 bg-white p-4 text-sm">
      <Field id="dataKind" label={t("kind")}>
        {(c) => (
          <NativeSelect
            {...c}
            name="dataKind"
            defaultValue={filters.dataKind ?? ""}
            all={t("all")}
            options={DATA_KIND_NAMES.map((k) => ({ value: k, label: words.kind(k) }))}
          />
        )}
      </Field>
      <Field id="outcome" label={t("outcome")}>
        {(c) => (
          <NativeSelect
            {...c}
            name="outcome"
            defaultValue={filters.outcome ?? ""}
            all={t("all")}
            options={ACCESS_OUTCOME_NAMES.map((o) => ({ value: o, label: words.outcome(o) }))}
          />
        )}
      </Field>
      <Field id="actor" label={t("actor")}>
        {(c) => <input {...c} name="actor" defaultValue={filters.actor ?? ""} />}
      </Field>
      <Field id="from" label={t("from")}>
        {(c) => <input {...c} name="from" type="date" defaultValue={filters.from ?? ""} />}
      </Field>
      <Field id="until" label={t("until")}>
        {(c) => <input {...c} name="until" type="date" defaultValue={filters.until ?? ""} />}
      </Field>
      <Button type="submit" variant="primary">
        {t("filter")}
      </Button>
    </form>
  );
}
