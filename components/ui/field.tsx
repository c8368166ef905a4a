import { useId, type ReactNode } from "react";
import { fieldBox, fieldControl, fieldHint, fieldLabel } from "./classes";

/** What a control needs to be bound to its label and hint, and the kit's class for it. */
export type FieldControl = { id: string; "aria-describedby"?: string; className: string };

type Props = {
  label: ReactNode;
  hint?: ReactNode;
  /** The control's id; one is made when none is given. */
  id?: string;
  /** Renders the control with the id, the hint's id and the class handed to it. */
  children: (control: FieldControl) => ReactNode;
};

/** A label, a control and an optional hint, bound by ids: `<Field label={t("name")}>{(c) => <input {...c} />}</Field>`. */
export function Field({ label, hint, id, children }: Props) {
  const made = useId();
  const controlId = id ?? made;
  const hintId = `${controlId}-hint`;
  return (
    <div className={fieldBox}>
      <label htmlFor={controlId} className={fieldLabel}>
        {label}
      </label>
      {hint ? (
        <p id={hintId} className={fieldHint}>
          {hint}
        </p>
      ) : null}
      {children({ id: controlId, "aria-describedby": hint ? hintId : undefined, className: fieldControl })}
    </div>
  );
}
