"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { Field } from "./field";
import { FilterSelect, type SelectOption } from "./filter-select";

type Props<K extends string> = {
  /** English, stable ids: the heading's, and the prefix of the two controls' (`<idPrefix>-type`, `<idPrefix>-value`). */
  headingId: string;
  idPrefix: string;
  heading: ReactNode;
  typeLabel: ReactNode;
  valueLabel: ReactNode;
  submitLabel: ReactNode;
  /** What happens to what is typed (it goes in a request body only, never in a URL). */
  note: ReactNode;
  /** The identifier types offered, in order; the first is chosen at the start. */
  types: readonly { value: K; label: string }[];
  maxLength: number;
  /** Called with the chosen type and the trimmed value; never with an empty value. */
  onLookup: (type: K, value: string) => void;
  className?: string;
};

/**
 * A lookup by an identifier typed in: its type, the value, a button, and a line on what happens to
 * it. The value lives in this form's state only; the page sends it in a POST body.
 */
export function IdentifierLookupForm<K extends string>(p: Props<K>) {
  const [type, setType] = useState<K>(p.types[0]!.value);
  const [value, setValue] = useState("");
  const options: SelectOption[] = p.types.map((o) => ({ value: o.value, label: o.label }));
  return (
    <form
      className={p.className}
      aria-labelledby={p.headingId}
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) p.onLookup(type, value.trim());
      }}
    >
      <h2 id={p.headingId} className="text-lg font-semibold">
        {p.heading}
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect
          id={`${p.idPrefix}-type`}
          label={p.typeLabel}
          all={false}
          value={type}
          onChange={(v) => setType(p.types.find((o) => o.value === v)?.value ?? p.types[0]!.value)}
          options={options}
        />
        <Field id={`${p.idPrefix}-value`} label={p.valueLabel}>
          {(c) => (
            <input
              {...c}
              className={`${c.className} w-72`}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              required
              maxLength={p.maxLength}
            />
          )}
        </Field>
        <Button type="submit" variant="primary">
          {p.submitLabel}
        </Button>
      </div>
      <p className="text-slate-700">{p.note}</p>
    </form>
  );
}
