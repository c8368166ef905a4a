"use client";

import { useLocale, useTranslations } from "next-intl";
import { FilterSelect } from "@/components/ui/filter-select";
import { byStudyYearThenCode } from "@/components/ui/option-order";
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

/** The class or offering to run the coverage for: subject offerings and study offerings in groups of their own, by study year, then code. */
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
  const locale = useLocale();
  const subject = byStudyYearThenCode(options?.subjectOfferings ?? [], locale);
  const study = byStudyYearThenCode(options?.studyOfferings ?? [], locale);
  return (
    <FilterSelect
      id="coverage-offering"
      label={t("offering")}
      all={t("chooseOffering")}
      className="max-w-96"
      searchable
      value={value}
      onChange={onChange}
      groups={[
        { label: t("subjectOfferings"), options: subject.map((o) => ({ value: `subject:${o.id}`, label: offeringText(t, o) })) },
        { label: t("studyOfferings"), options: study.map((o) => ({ value: `study:${o.id}`, label: offeringText(t, o) })) },
      ]}
    />
  );
}
