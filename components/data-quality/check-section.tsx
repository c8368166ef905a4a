import Link from "next/link";
import { useTranslations } from "next-intl";
import { link } from "@/components/ui/classes";
import { CopyButton } from "@/components/ui/copy-button";
import type { DataColumn } from "@/components/ui/data-column";
import { Field } from "@/components/ui/field";
import { useFormats, type Formats } from "@/components/ui/format";
import { SimpleTable } from "@/components/ui/simple-table";
import { ExportButton } from "./export-button";
import type { DataQualityCheck, DataQualityItem, LicenceCheck } from "./queries";

/** What the checks could see: every LAS list, some (the ones not read named), or none. */
export type Coverage = { kind: "full" } | { kind: "partial"; failed: string } | { kind: "nothing" };

/** A check over the LAS lists, or one of the licence scan's: either comes with its count, who acts and the records shown. */
export type AnyCheck = DataQualityCheck | LicenceCheck;

/**
 * What a check looked at, which decides what it says without findings, its words for who acts and its
 * ticket: the LAS lists on the reference date (`coverage`: all of them, some or none), or the answers of
 * the licence scan that finished at `finishedAt` (`complete`: every pupil asked, and every registry
 * answered about each of them).
 */
export type Basis = { kind: "las"; referenceDate: string; coverage: Coverage } | { kind: "scan"; finishedAt: string; complete: boolean };

/** The school the page is about: its id for the requests, its name for the ticket. */
export type School = { id: string; name: string };

type T = (key: string, values?: Record<string, string | number>) => string;

/** Above this many rows a check's table scrolls down in a region of its own (up to 500 rows, rendered by the server). */
const TALL_FROM = 50;

type Props = { check: AnyCheck; school: School; basis: Basis; pupilLinks: boolean; heading?: "h2" | "h3" };

/**
 * One check (rendered on the server; the copy and export buttons are its client pieces): its name (a
 * heading, h2 unless told) and count; with findings, what they mean, who acts and what to do, a
 * ticket text, the records shown (those beyond the first ones counted) and the CSV of them all.
 * Without findings one line, which never says "no findings" for pupils that were not checked; a check
 * that concludes nothing now (`notKnown`: a mass change of the LAS lists waits for review) says so instead.
 */
export function CheckSection({ check, school, basis, pupilLinks, heading: Heading = "h2" }: Props) {
  const t = useTranslations("dataQuality");
  const tMass = useTranslations("massChange");
  const name = t(`checks.${check.id}.name`);
  const headingId = `check-${check.id}`;
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 border-t border-slate-300 pt-4"
      data-check={check.id}
      data-count={check.notKnown ? undefined : check.count}
      data-not-known={check.notKnown}
    >
      <Heading id={headingId} className="text-lg font-semibold">
        {name}
      </Heading>
      {check.notKnown ? (
        // A check that concludes nothing now (a mass change of the LAS lists waits for review): neither a count nor "no findings".
        <p>{tMass("notKnown")}</p>
      ) : check.count === 0 ? (
        <p>{noneText(t, basis)}</p>
      ) : (
        <>
          <p className="font-semibold">{t("count", { count: check.count })}</p>
          <CheckWords check={check} basis={basis} />
          <TicketText check={check} school={school} basis={basis} />
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

/** A check without findings: "no findings" only when it saw every pupil it is about; else what it could not see. */
function noneText(t: T, basis: Basis): string {
  if (basis.kind === "scan") return basis.complete ? t("none") : t("scan.nonePartial");
  const { coverage } = basis;
  return coverage.kind === "full"
    ? t("none")
    : coverage.kind === "partial"
      ? t("nonePartial", { names: coverage.failed })
      : t("notChecked");
}

/** What a finding means, who can put it right, and what to do (a licence finding is put right at the registry, not in the LAS). */
function CheckWords({ check, basis }: { check: AnyCheck; basis: Basis }) {
  const t = useTranslations("dataQuality");
  const words = basis.kind === "scan" ? "scan." : "";
  const term = "font-semibold";
  return (
    <dl className="max-w-3xl space-y-2 text-sm">
      <div>
        <dt className={term}>{t("meaningLabel")}</dt>
        <dd>{t(`checks.${check.id}.meaning`)}</dd>
      </div>
      <div>
        <dt className={term}>{t("actorLabel")}</dt>
        <dd>{t(`${words}actor.${check.actor}`)}</dd>
      </div>
      <div>
        <dt className={term}>{t("actionLabel")}</dt>
        <dd>
          {t(`checks.${check.id}.action`)} {t(`${words}actorStep.${check.actor}`)}
        </dd>
      </div>
    </dl>
  );
}

/**
 * The text for a ticket (a vendor's, a publisher's, the school's own): the check, the count, the school
 * and the date (the LAS checks' reference date, or the day the licence scan finished), never a pupil.
 */
export function ticketText(t: T, f: Formats, check: Pick<AnyCheck, "id" | "count">, school: string, basis: Basis): string {
  return t(basis.kind === "scan" ? "scan.ticket" : "ticket", {
    school,
    check: t(`checks.${check.id}.name`),
    count: check.count,
    date: basis.kind === "scan" ? f.date(basis.finishedAt) : f.day(basis.referenceDate),
    meaning: t(`checks.${check.id}.meaning`),
  });
}

/** The ticket text, read-only, with a button that copies it (and says whether that worked). */
function TicketText({ check, school, basis }: { check: AnyCheck; school: School; basis: Basis }) {
  const t = useTranslations("dataQuality");
  const f = useFormats();
  const text = ticketText(t, f, check, school.name, basis);
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
function FindingsTable({ check, name, pupilLinks }: { check: AnyCheck; name: string; pupilLinks: boolean }) {
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
