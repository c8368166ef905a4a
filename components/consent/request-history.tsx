"use client";

import { useTranslations } from "next-intl";
import { MomentText } from "@/components/ui/format";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import type { ConsentRequestView, HistoryLine, ProviderOption } from "@/lib/contracts/consent";
import { historyUrl, type ConsentHistory } from "./queries";
import { useLabels } from "./status";
import { usePoll } from "./use-poll";

/** Who created or changed a request, when, and what the Provider answered; refreshed like the rest of the page. */
export function RequestHistory({
  id,
  schoolId,
  request,
  providers,
}: {
  id: string;
  schoolId: string;
  request: ConsentRequestView;
  providers: readonly ProviderOption[];
}) {
  const t = useTranslations("consent");
  const labels = useLabels();
  const history = usePoll<ConsentHistory>(historyUrl(schoolId, request.consumerReferenceId), { interval: 3_000 });
  const actor = (who: string) =>
    who === "outbox"
      ? t("actorOutbox")
      : who === request.providerId
        ? request.providerName
        : (providers.find((p) => p.id === who)?.name ?? who);
  // The "created" line says whether it started as a concept or queued.
  const detail = (line: HistoryLine) => (line.event === "created" && line.detail ? labels.status(line.detail) : line.detail);

  return (
    <div id={id} className="space-y-2 bg-slate-50 p-3">
      <h3 className="font-semibold">{t("historyTitle")}</h3>
      <p className="text-slate-700">{t("reference", { id: request.consumerReferenceId })}</p>
      {history.data ? (
        <ol className="space-y-1">
          {history.data.history.map((line, i) => (
            <li key={i}>
              <span className="tabular-nums">
                <MomentText value={line.at} />
              </span>{" "}
              · {actor(line.actor)} · <span className="font-medium">{labels.event(line.event)}</span>
              {detail(line) ? <span className="text-slate-700">: {detail(line)}</span> : null}
            </li>
          ))}
        </ol>
      ) : history.pending ? (
        <p role="status">{t("historyLoading")}</p>
      ) : null}
      {history.error ? <ErrorNotice error={history.error} title={t("historyError")} size="sm" /> : null}
    </div>
  );
}
