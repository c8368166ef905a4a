"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { fieldBox, fieldControl, fieldLabel } from "./classes";
import { NativeSelect, optionCount, type SelectGroup, type SelectOption } from "./native-select";
import { narrowOptions } from "./option-order";

/** The search field's row: smaller words than the select's label, wrapping on a narrow screen. */
const searchRow = "flex flex-wrap items-center gap-x-2 gap-y-1 text-sm";

/** A list with more options than this gets a search field. */
export const SEARCH_ABOVE = 12;

export type SearchableSelectProps = {
  /** English, stable: tests and labels find the control by it; the search field's id is `<id>-search`. */
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** In the order given (sort them first: option-order.ts). */
  options?: readonly SelectOption[];
  /** Groups after the options (`<optgroup>`), each in the order given. */
  groups?: readonly SelectGroup[];
  /** The text of a first option with the value ""; without it, no such option. */
  all?: string;
  /** Extra classes on the select (a maximum width for long offering ids). */
  className?: string;
};

/**
 * A labelled select that, with more than SEARCH_ABOVE options, has a text field above it: what is
 * typed narrows the options (every word, accents and case aside), the value in force stays, and a
 * status says how many fit. With fewer options, the plain labelled select. The select keeps its
 * place in the tree when the field appears (the options load later), so focus is not lost.
 */
export function SearchableSelect({ id, label, value, onChange, options, groups, all, className }: SearchableSelectProps) {
  const [query, setQuery] = useState("");
  const total = optionCount(options, groups);
  const long = total > SEARCH_ABOVE;
  const shown = narrowOptions(long ? query : "", value, options, groups);
  return (
    <div className={fieldBox}>
      <label id={`${id}-label`} htmlFor={id} className={fieldLabel}>
        {label}
      </label>
      {long ? <ListSearch id={id} query={query} onQuery={setQuery} found={shown.found} total={total} /> : null}
      <NativeSelect
        id={id}
        className={className ? `${fieldControl} ${className}` : fieldControl}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        options={shown.options}
        groups={shown.groups}
        all={all}
      />
    </div>
  );
}

/** The search field of a list: its own label, the list's label as its description, and a status of how many fit. */
function ListSearch({
  id,
  query,
  onQuery,
  found,
  total,
}: {
  id: string;
  query: string;
  onQuery: (q: string) => void;
  found: number;
  total: number;
}) {
  const t = useTranslations("kit");
  return (
    <div className={searchRow}>
      <label htmlFor={`${id}-search`}>{t("searchList")}</label>
      <input
        id={`${id}-search`}
        type="search"
        className={`${fieldControl} min-h-6 w-40`}
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        // Enter narrows nothing more; in a form it must not send it.
        onKeyDown={(e) => {
          if (e.key === "Enter") e.preventDefault();
        }}
        aria-describedby={`${id}-label`}
        aria-controls={id}
        autoComplete="off"
        spellCheck={false}
      />
      <span role="status" className="text-slate-700">
        {query.trim() ? t("searchFound", { found, total }) : ""}
      </span>
    </div>
  );
}
