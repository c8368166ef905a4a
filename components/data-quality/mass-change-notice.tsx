import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { link } from "@/components/ui/classes";
import { useFormats, type Formats } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import type { ResponseOf } from "@/lib/contracts/define";
import type { dataQualityMassChange, MassChangeListName, MassChangeState } from "@/lib/contracts/mass-change";

/** The school's LAS lists as the mass-change guard knows them (readMassChange, GET /api/data-quality/mass-change). */
export type MassChangeView = ResponseOf<typeof dataQualityMassChange>;

/** A list whose change waits for review. */
export type PendingList = MassChangeState & { pending: NonNullable<MassChangeState["pending"]> };

/** The lists of `state` whose change waits (of `only` those, when given), in the contract's order. */
export function pendingOf(state: MassChangeView | null | undefined, only?: readonly MassChangeListName[]): PendingList[] {
  return (state?.lists ?? []).filter((l): l is PendingList => l.pending !== null && (!only || only.includes(l.list)));
}

type T = (key: string, values?: Record<string, string | number>) => string;

const capital = (list: MassChangeListName) => (list === "students" ? "Students" : "Enrollments");

/** "The LAS's latest answer has 102 pupils fewer … (204 → 102; first seen on …)", as the list is served meanwhile (held or suspect). */
function changeText(t: T, f: Formats, p: PendingList): string {
  const { served, lost, was, now, since } = p.pending;
  return t(`${served}${capital(p.list)}`, { lost, was, now, since: f.dateTime(since) });
}

type Props = {
  /** The guard's state (readMassChange); nothing is shown when it is null or no list waits. */
  state: MassChangeView | null | undefined;
  /** Only these lists (a list page shows its own): all of them when not given. */
  lists?: readonly MassChangeListName[];
  /** For a list page: the title, what changed and a link to Datakwaliteit, where it is reviewed. */
  compact?: boolean;
  /** Beside the full notice's words: what the reader can do (the accept buttons, or who can accept). */
  action?: ReactNode;
};

/**
 * The mass-change guard's notice (rendered on the server): when a LAS list's latest answer lost more
 * than the set share of the last good answer, what changed per list (counts and times, no pupil),
 * whether the last good answer is still shown (held) or the new one (suspect), why the dashboard holds
 * it back, what to do, the threshold and the last good answer's count; `action` beside it. The
 * `compact` notice of a list page says what changed and links to Datakwaliteit. Nothing when nothing waits.
 */
export function MassChangeNotice({ state, lists, compact = false, action }: Props) {
  const t = useTranslations("massChange");
  const f = useFormats();
  const pending = pendingOf(state, lists);
  if (!state || !pending.length) return null;
  if (compact) {
    return (
      <Notice
        tone="warning"
        size="sm"
        title={t("title")}
        data-testid="mass-change"
        action={
          <Link href="/datakwaliteit" className={link}>
            {t("review")}
          </Link>
        }
      >
        {pending.map((p) => (
          <p key={p.list} data-list={p.list}>
            {changeText(t, f, p)}
          </p>
        ))}
      </Notice>
    );
  }
  return (
    <Notice tone="warning" title={t("title")} titleAs="h2" data-testid="mass-change" action={action}>
      <div className="max-w-3xl space-y-2">
        {pending.map((p) => (
          <p key={p.list} data-list={p.list}>
            {changeText(t, f, p)}
            {p.baseline ? ` ${t(`baseline${capital(p.list)}`, { count: p.baseline.count, at: f.dateTime(p.baseline.at) })}` : null}
          </p>
        ))}
        <p>{t("why")}</p>
        <p>{t("next")}</p>
        <p className="text-sm">{t("threshold", { percent: Math.round(state.share * 1000) / 10 })}</p>
      </div>
    </Notice>
  );
}
