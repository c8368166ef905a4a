import { useTranslations } from "next-intl";
import { Field } from "./field";
import { NativeSelect } from "./native-select";
import { SearchableSelect, type SearchableSelectProps } from "./searchable-select";

export type { SelectGroup, SelectOption } from "./native-select";

type Props = Omit<SearchableSelectProps, "all"> & {
  /** The first option, value "": "Alle" by default, another text ("— kies —"), or false for none. */
  all?: string | false;
  /** A long list (offerings, employees): a search field above it narrows the options (SearchableSelect). */
  searchable?: boolean;
};

/**
 * A labelled select, for a list's filters and other choices: the label bound by id, the options as
 * given, an "all" option first. A value that is not offered (an old link, an option gone) stays
 * selectable, so the control shows what is in force.
 */
export function FilterSelect({ id, label, value, onChange, options, groups, all, className, searchable }: Props) {
  const t = useTranslations("kit");
  const first = all === false ? undefined : (all ?? t("all"));
  if (searchable) {
    return <SearchableSelect {...{ id, label, value, onChange, options, groups, className }} all={first} />;
  }
  return (
    <Field id={id} label={label}>
      {(c) => (
        <NativeSelect
          {...c}
          className={className ? `${c.className} ${className}` : c.className}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          options={options}
          groups={groups}
          all={first}
        />
      )}
    </Field>
  );
}
