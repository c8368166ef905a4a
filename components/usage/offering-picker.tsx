"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import type { Offering, UsageOptions } from "./queries";
import type { T } from "./words";

/** "4A (27 lopende inschrijvingen)", and how many have a status nobody knows (shown, not counted as current). */
function offeringText(t: T, o: Offering): string {
  return o.unknownStatus
    ? t("offeringOptionUnknown", { id: o.id, count: o.count, unknown: o.unknownStatus })
    : t("offeringOptionCurrent", { id: o.id, count: o.count });
}

/** The chosen offering: "subject:<id>" or "study:<id>" (offering codes, no personal data). */
export function bodyOf(choice: string): { studyOfferingId: string } | { subjectOfferingId: string } {
  const [kind, ...rest] = choice.split(":");
  const id = rest.join(":");
  return kind === "study" ? { studyOfferingId: id } : { subjectOfferingId: id };
}

/** The class or offering to run the coverage for: subject offerings and study offerings in groups of their own. */
export function OfferingPicker({
  value,
  onChange,
  options,
}: {
  value: string;
  onChange: (choice: string) => void;
  options?: UsageOptions;
}) {
  const t = useTranslations("usage");
  return (
    <Field id="coverage-offering" label={t("offering")}>
      {(c) => (
        <select {...c} className={`${c.className} max-w-96`} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t("chooseOffering")}</option>
          <optgroup label={t("subjectOfferings")}>
            {options?.subjectOfferings.map((o) => (
              <option key={o.id} value={`subject:${o.id}`}>
                {offeringText(t, o)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("studyOfferings")}>
            {options?.studyOfferings.map((o) => (
              <option key={o.id} value={`study:${o.id}`}>
                {offeringText(t, o)}
              </option>
            ))}
          </optgroup>
        </select>
      )}
    </Field>
  );
}
