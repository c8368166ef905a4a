import type { EnrolledNow } from "./queries";

type T = (key: string, values?: Record<string, string | number>) => string;

/** The status in words (messages "enrollments"): a value the dashboard does not know is "unknown", with the value as sent. */
export function statusWord(t: T, status: string): string {
  return status === "active"
    ? t("statusActive")
    : status === "tobedeleted"
      ? t("statusToBeDeleted")
      : t("statusUnknown", { value: status });
}

/** "yes", "no" or "unknown" (the rule class coverage follows too); for unknown, why (a status nobody knows), and that nothing is concluded from it. */
export function EnrolledNowCell({ t, state }: { t: T; state: EnrolledNow }) {
  if (state === "unknown")
    return (
      <span className="font-semibold text-amber-900" title={t("nowUnknownHint")}>
        {t("nowUnknown")}
      </span>
    );
  return <>{state === "current" ? t("nowCurrent") : t("nowNotCurrent")}</>;
}
