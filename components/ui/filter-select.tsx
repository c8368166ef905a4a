import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Field } from "./field";
import { NativeSelect, type SelectGroup, type SelectOption } from "./native-select";
import { SearchableSelect } from "./searchable-select";

export type { SelectGroup, SelectOption } from "./native-select";

type Props = {
  /** English, stable: tests and labels find the control by it. */
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** In the order given (the page decides: by name, by year; option-order.ts sorts codes naturally). */
  options?: readonly SelectOption[];
  /** Groups after the options (`<optgroup>`), each in the order given. */
  groups?: readonly SelectGroup[];
  /** The first option, value "": "Alle" by default, another text ("— kies —"), or false for none. */
  all?: string | false;
  /** Extra classes on the control (a maximum width for long offering ids). */
  className?: string;
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
