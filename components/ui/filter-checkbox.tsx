import { checkbox } from "./classes";

/** A yes/no filter kept in the URL as "1" or absent (e.g. "show records to be deleted"), labelled by its own text. */
export function FilterCheckbox({ label, value, onChange }: { label: string; value: "1" | undefined; onChange: (next: "1" | "") => void }) {
  return (
    <label className="inline-flex items-center gap-1">
      <input type="checkbox" className={checkbox} checked={value === "1"} onChange={(e) => onChange(e.target.checked ? "1" : "")} />
      {label}
    </label>
  );
}
