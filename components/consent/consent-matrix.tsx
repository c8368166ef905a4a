"use client";

import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/notice";
import type { ConsentMatrix as Matrix, StatusPoll } from "@/lib/contracts/consent";
import { ChangeLine, StatusText, useLabels, useWhen } from "./status";

const focus = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800";

/** Providers × APIs: the latest request of each pair, or a way to draft the first one. */
export function ConsentMatrix({ matrix, schoolName, onStart }: { matrix: Matrix; schoolName: string; onStart?: (providerId: string, api: string) => void }) {
  const t = useTranslations("consent");
  const labels = useLabels();
  const when = useWhen();
  if (!matrix.rows.length) return <p>{t("noProviders")}</p>;
  return (
    <div role="region" aria-label={t("matrixRegion")} tabIndex={0} className={`overflow-x-auto ${focus}`}>
      <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
        <caption className="sr-only">{t("matrixCaption", { school: schoolName })}</caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className="p-2">{t("colProvider")}</th>
            {matrix.apis.map((api) => <th key={api} scope="col" className="p-2">{labels.api(api)}</th>)}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.providerId} className="border-t border-slate-200 align-top">
              <th scope="row" className="p-2 text-left align-top">
                <span className="font-semibold">{row.providerName}</span>
                <StatusPollText poll={row.statusPoll} />
              </th>
              {row.cells.map((cell) => (
                <td key={cell.api} className="p-2" data-testid={`cell-${row.providerId}-${cell.api}`}>
                  {!cell.offered ? (
                    <><span aria-hidden="true">—</span><span className="sr-only">{t("notOffered")}</span></>
                  ) : cell.request ? (
                    <div className="space-y-1">
                      <StatusText request={cell.request} />
                      <p>{t("lastChange", { when: when.full(cell.request.changedAt) })}</p>
                      <p className="text-xs text-slate-700"><ChangeLine changes={cell.request.changes} /></p>
                    </div>
                  ) : (
                    <div className="space-y-1">
                      <p>{t("notRequested")}</p>
                      {onStart ? (
                        <button type="button" onClick={() => onStart(row.providerId, cell.api)} className={`rounded border border-slate-500 px-2 py-0.5 ${focus}`}>
                          {t("startRequest")}<span className="sr-only"> {t("startRequestFor", { provider: row.providerName, api: labels.api(cell.api) })}</span>
                        </button>
                      ) : null}
                    </div>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Whether the Provider's answers are coming in: a Provider whose status endpoint fails is named, not silent. */
function StatusPollText({ poll }: { poll: StatusPoll }) {
  const t = useTranslations("consent");
  const when = useWhen();
  if (!poll.polledAt) return <span className="block text-xs font-normal text-slate-700">{t("pollNever")}</span>;
  if (poll.lastError) {
    // No live region: the matrix is polled every few seconds, and the row header's name is read from it.
    return <div className="mt-1"><Notice tone="warning" size="sm" role={null}>{t("pollFailed", { error: poll.lastError, time: when.full(poll.polledAt) })}</Notice></div>;
  }
  return <span className="block text-xs font-normal text-slate-700">{t("pollOk", { time: when.full(poll.polledAt) })}</span>;
}
