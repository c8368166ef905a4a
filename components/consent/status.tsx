"use client";

import { useTranslations } from "next-intl";
import { useFormats } from "@/components/ui/format";
import type { ConsentChange, ConsentRequestView, ConsentStatusName as ConsentStatus } from "@/lib/contracts/consent";
import type { SourceProbe } from "@/lib/contracts/sources";

/** A school as the BFF names it: its id and its name. */
export type SchoolOption = SourceProbe["schools"][number];

/** Every status with its tone; the colour only repeats what the words say. */
export const STATUS_TONE = {
  concept: "draft",
  queued: "underway",
  sent: "underway",
  failed: "refused",
  confirmed: "granted",
  refused: "refused",
  revoked: "withdrawn",
} as const satisfies Record<ConsentStatus, string>;
export const TONE_CLASS: Record<(typeof STATUS_TONE)[ConsentStatus], string> = {
  draft: "border-slate-400 bg-slate-50 text-slate-900",
  underway: "border-sky-300 bg-sky-50 text-sky-900",
  refused: "border-red-300 bg-red-50 text-red-900",
  granted: "border-emerald-300 bg-emerald-50 text-emerald-900",
  withdrawn: "border-amber-300 bg-amber-50 text-amber-900",
};
/** Every status, in the contract's order (the tones name each one: see queries.test.ts). */
export const STATUSES = Object.keys(STATUS_TONE) as ConsentStatus[];

// A request's events; the withdrawal's ("withdrawn", "revoke_*") are written under the id of the request it withdraws.
const EVENTS = new Set([
  "created",
  "queued",
  "sent",
  "retry",
  "failed",
  "collected",
  "confirmed",
  "refused",
  "revoked",
  "withdrawn",
  "revoke_sent",
  "revoke_failed",
  "revoke_retry",
]);

export function useLabels() {
  const t = useTranslations("consent");
  return {
    api: (api: string) => (t.has(`apiName.${api}`) ? `${t(`apiName.${api}`)} (${api})` : api),
    event: (event: string) => (EVENTS.has(event) ? t(`event.${event}`) : event),
    status: (status: string) => ((STATUSES as readonly string[]).includes(status) ? t(`statusName.${status}`) : status),
    scope: (scope: string) => {
      const key = `scope.${scope.replaceAll(".", "_")}`;
      return t.has(key) ? `${t(key)} (${scope})` : scope;
    },
  };
}

/** The status in words, with what the Provider answered when it refused or could not be reached. */
export function StatusText({ request }: { request: ConsentRequestView }) {
  const t = useTranslations("consent");
  const tone = STATUS_TONE[request.status] ?? STATUS_TONE.concept;
  const word =
    request.status === "sent" ? t(request.delivery === "poll" ? "status.sentPoll" : "status.sentPut") : t(`status.${request.status}`);
  return (
    <div className="space-y-1">
      <span data-tone={tone} className={`inline-block rounded border px-1.5 py-0.5 font-medium ${TONE_CLASS[tone]}`}>
        {word}
      </span>
      {request.status === "failed" && request.lastError ? <p className="text-red-900">{request.lastError}</p> : null}
      {request.status === "queued" && request.attempts > 0 && request.lastError ? (
        <p className="text-slate-700">{t("retrying", { attempts: request.attempts, error: request.lastError })}</p>
      ) : null}
      {request.providerReferenceId ? (
        <p className="text-xs text-slate-700">{t("providerReference", { id: request.providerReferenceId })}</p>
      ) : null}
    </div>
  );
}

/** "aangemaakt 24-11-2026 10:01 · verzonden 10:01 · bevestigd 10:03" (the school's clock): the day only where it changes. */
export function ChangeLine({ changes }: { changes: readonly ConsentChange[] }) {
  const f = useFormats();
  const labels = useLabels();
  return (
    <span>
      {changes
        .map((c, i) => {
          const sameDay = i > 0 && f.date(changes[i - 1]!.at) === f.date(c.at);
          return `${labels.event(c.event)} ${sameDay ? f.time(c.at) : f.dateTime(c.at)}`;
        })
        .join(" · ")}
    </span>
  );
}
