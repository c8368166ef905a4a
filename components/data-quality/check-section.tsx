import Link from "next/link";
import { useTranslations } from "next-intl";
import { link } from "@/components/ui/classes";
import { CopyButton } from "@/components/ui/copy-button";
import type { DataColumn } from "@/components/ui/data-column";
import { Field } from "@/components/ui/field";
import { useFormats, type Formats } from "@/components/ui/format";
import { SimpleTable } from "@/components/ui/simple-table";
import { ExportButton } from "./export-button";
import type { DataQualityCheck, DataQualityItem } from "./queries";

/** What the checks could see: every LAS list, some (the ones not read named), or none. */
export type Coverage = { kind: "full" } | { kind: "partial"; failed: string } | { kind: "nothing" };

/** The school the page is about: its id for the requests, its name for the ticket. */
export type School = { id: string; name: string };

type T = (key: string, values?: Record<string, string | number>) => string;

/** Above this many rows a check's table scrolls down in a region of its own (up to 500 rows, rendered by the server). */
const TALL_FROM = 50;

type Props = { check: DataQualityCheck; school: School; referenceDate: string; coverage: Coverage; pupilLinks: boolean };

/**
 * One check (rendered on the server; the copy and export buttons are its client pieces): its name (h2) and count; with findings, what they mean, who acts and what to do, a
 * ticket text, the records shown (those beyond the first ones counted) and the CSV of them all.
 * Without findings one line, which never says "no findings" for pupils that were not checked.
 */
export function CheckSection({ check, school, referenceDate, coverage, pupilLinks }: Props) {
  const t = useTranslations("dataQuality");
  const name = t(`checks.${check.id}.name`);
  const headingId = `check-${check.id}`;
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 border-t border-slate-300 pt-4"
      data-check={check.id}
      data-count={check.count}
    >
      <h2 id={headingId} className="text-lg font-semibold">
        {name}
      </h2>
      {check.count === 0 ? (
        <p>
          {coverage.kind === "full"
            ? t("none")
            : coverage.kind === "partial"
              ? t("nonePartial", { names: coverage.failed })
              : t("notChecked")}
        </p>
      ) : (
        <>
          <p className="font-semibold">{t("count", { count: check.count })}</p>
          <CheckWords check={check} />
          <TicketText check={check} school={school} referenceDate={referenceDate} />
          <FindingsTable check={check} name={name} pupilLinks={pupilLinks} />
          {check.count > check.items.length ? (
            <p className="text-sm text-slate-700">{t("more", { count: check.count - check.items.length })}</p>
          ) : null}
          <ExportButton schoolId={school.id} check={check.id} name={name} />
        </>
      )}
    </section>
  );
}

/** What a finding means, who can put it right, and what to do. */
function CheckWords({ check }: { check: DataQualityCheck }) {
  const t = useTranslations("dataQuality");
  const term = "font-semibold";
  return (
    <dl className="max-w-3xl space-y-2 text-sm">
      <div>
        <dt className={term}>{t("meaningLabel")}</dt>
        <dd>{t(`checks.${check.id}.meaning`)}</dd>
      </div>
      <div>
        <dt className={term}>{t("actorLabel")}</dt>
        <dd>{t(`actor.${check.actor}`)}</dd>
      </div>
      <div>
        <dt className={term}>{t("actionLabel")}</dt>
        <dd>
          {t(`checks.${check.id}.action`)} {t(`actorStep.${check.actor}`)}
        </dd>
      </div>
    </dl>
  );
}

/** The text for a ticket (a vendor's, a publisher's, the school's own): the check, the count, the school and the date, never a pupil. */
export function ticketText(t: T, f: Formats, check: Pick<DataQualityCheck, "id" | "count">, school: string, referenceDate: string): string {
  return t("ticket", {
    school,
    check: t(`checks.${check.id}.name`),
    count: check.count,
    date: f.day(referenceDate),
    meaning: t(`checks.${check.id}.meaning`),
  });
}

/** The ticket text, read-only, with a button that copies it (and says whether that worked). */
function TicketText({ check, school, referenceDate }: { check: DataQualityCheck; school: School; referenceDate: string }) {
  const t = useTranslations("dataQuality");
  const f = useFormats();
  const text = ticketText(t, f, check, school.name, referenceDate);
  return (
    <div className="max-w-3xl space-y-2 text-sm">
      <Field id={`ticket-${check.id}`} label={t("ticketLabel")}>
        {(c) => <textarea {...c} className={`${c.className} w-full p-2 font-mono text-xs`} readOnly value={text} rows={9} />}
      </Field>
      <CopyButton text={text} />
    </div>
  );
}

/** The records shown of a check: the pupil's masked identifier (a link to their page for whom may open it), the enrollment and the detail (what it is, per check). */
function FindingsTable({ check, name, pupilLinks }: { check: DataQualityCheck; name: string; pupilLinks: boolean }) {
  const t = useTranslations("dataQuality");
  const f = useFormats();
  const columns: Array<DataColumn<DataQualityItem>> = [
    {
      id: "masked",
      header: t("colMasked"),
      rowHeader: true,
      className: "font-mono text-xs",
      cell: (r) =>
        pupilLinks ? (
          <Link href={`/leerlingen/${r.studentKey}`} className={link}>
            {r.masked}
          </Link>
        ) : (
          r.masked
        ),
    },
    { id: "enrollment", header: t("colEnrollment"), className: "font-mono text-xs", cell: (r) => r.enrollmentId ?? "—" },
    // The detail's days (yyyy-mm-dd) as the reader reads days.
    { id: "detail", header: t(`checks.${check.id}.detail`), cell: (r) => (r.detail ? r.detail.replace(/\d{4}-\d{2}-\d{2}/g, f.day) : "—") },
  ];
  // A column no record of this check fills (a check about pupils has no enrollment) is left out.
  const shown = columns.filter(
    (c) => (c.id !== "enrollment" || check.items.some((r) => r.enrollmentId)) && (c.id !== "detail" || check.items.some((r) => r.detail)),
  );
  return (
    <SimpleTable
      columns={shown}
      rows={check.items}
      rowKey={(r, i) => `${r.studentKey}:${r.enrollmentId ?? ""}:${i}`}
      caption={t("tableCaption", { check: name })}
      empty={null}
      tall={check.items.length > TALL_FROM}
    />
  );
}
