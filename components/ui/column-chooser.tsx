import { useTranslations } from "next-intl";
import { chooserOption, checkbox } from "./classes";
import type { ColumnVisibility, DataColumn } from "./data-column";

type Props<T> = { columns: ReadonlyArray<DataColumn<T>>; visibility: ColumnVisibility; onChange: (next: ColumnVisibility) => void };

/** "Kolommen": a checkbox per column, named by its header; a column that may not be hidden is shown checked and disabled. */
export function ColumnChooser<T>({ columns, visibility, onChange }: Props<T>) {
  const t = useTranslations("kit");
  return (
    <fieldset>
      <legend>{t("columns")}</legend>
      {columns.map((c) => (
        <label key={c.id} className={chooserOption}>
          <input
            type="checkbox"
            className={checkbox}
            checked={visibility[c.id] !== false}
            disabled={c.hideable === false}
            onChange={(e) => onChange({ ...visibility, [c.id]: e.target.checked })}
          />
          {c.header}
        </label>
      ))}
    </fieldset>
  );
}
