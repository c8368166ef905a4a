import type { SelectHTMLAttributes } from "react";

/** An option: a value as sent (a period, an offering id) or a value with its words. */
export type SelectOption = string | { value: string; label: string };

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, "children"> & {
  /** In the order given (the page decides: by name, by year). */
  options: readonly SelectOption[];
  /** The text of a first option with the value "" ("Alle", "— kies —"); without it, no such option. */
  all?: string;
};

/**
 * The kit's `<select>`: the options as given, an "all" option first if asked for. A value in force
 * (`value`, or `defaultValue` in a form the server renders) that is not offered (an old link, an
 * option gone) stays selectable, so the control shows what is in force. No hooks and no handlers of
 * its own: a server component renders it in a GET form, a client component binds it with `onChange`.
 * Bind it to a label with Field: `<Field label={…}>{(c) => <NativeSelect {...c} name="…" options={…} />}</Field>`.
 */
export function NativeSelect({ options, all, ...select }: Props) {
  const items = options.map((o) => (typeof o === "string" ? { value: o, label: o } : o));
  const current = select.value ?? select.defaultValue;
  if (typeof current === "string" && current && !items.some((o) => o.value === current)) items.push({ value: current, label: current });
  return (
    <select {...select}>
      {all === undefined ? null : <option value="">{all}</option>}
      {items.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
