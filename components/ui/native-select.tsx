import type { SelectHTMLAttributes } from "react";

/** An option: a value as sent (a period, an offering id) or a value with its words. */
export type SelectOption = string | { value: string; label: string };

/** Options under a heading of their own (an `<optgroup>`): subject offerings apart from study offerings. */
export type SelectGroup = { label: string; options: readonly SelectOption[] };

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, "children"> & {
  /** In the order given (the page decides: by name, by year). */
  options?: readonly SelectOption[];
  /** Groups after the options, each in the order given. */
  groups?: readonly SelectGroup[];
  /** The text of a first option with the value "" ("Alle", "— kies —"); without it, no such option. */
  all?: string;
};

/** An option as value and words. */
export const optionItem = (o: SelectOption) => (typeof o === "string" ? { value: o, label: o } : o);

/** How many options there are to choose from, in the groups too ("all" not counted). */
export const optionCount = (options: readonly SelectOption[] = [], groups: readonly SelectGroup[] = []) =>
  groups.reduce((n, g) => n + g.options.length, options.length);

/**
 * The kit's `<select>`: the options as given, then the groups, an "all" option first if asked for.
 * A value in force (`value`, or `defaultValue` in a form the server renders) that is not offered
 * (an old link, an option gone) stays selectable, after the options and before the groups, so the
 * control shows what is in force. No hooks and no handlers of its own: a server component renders
 * it in a GET form, a client component binds it with `onChange`.
 * Bind it to a label with Field: `<Field label={…}>{(c) => <NativeSelect {...c} name="…" options={…} />}</Field>`.
 */
export function NativeSelect({ options = [], groups = [], all, ...select }: Props) {
  const items = options.map(optionItem);
  const grouped = groups.map((g) => ({ label: g.label, items: g.options.map(optionItem) }));
  const current = select.value ?? select.defaultValue;
  const offered = (value: string) => [items, ...grouped.map((g) => g.items)].some((list) => list.some((o) => o.value === value));
  if (typeof current === "string" && current && !offered(current)) items.push({ value: current, label: current });
  return (
    <select {...select}>
      {all === undefined ? null : <option value="">{all}</option>}
      {items.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
      {grouped.map((g) => (
        <optgroup key={g.label} label={g.label}>
          {g.items.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
