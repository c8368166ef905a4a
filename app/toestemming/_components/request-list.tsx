"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Fragment, useState } from "react";
import { postJson } from "@/components/lists/api";
import type { ConsentOverview } from "@/lib/features/consent/overview";
import { RequestHistory } from "./request-history";
import { STATUSES, StatusText, useLabels, useWhen, type SchoolOption } from "./status";

const focus = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800";
const control = `rounded border border-slate-500 px-2 py-1 ${focus}`;
const small = `rounded border border-slate-500 px-2 py-0.5 ${focus}`;

/** The list filters: their names in the page URL and in the BFF's query (GET /api/consent) are the same. */
export const LIST_FILTERS = ["api", "provider", "status", "since"] as const;
export type ListFilters = Record<(typeof LIST_FILTERS)[number], string>;

/** The school's requests with their filters (kept in the URL), a way to send a concept, and each one's history. */
export function RequestList({ data, school, filters, onFilter, canWrite }: { data: ConsentOverview; school: SchoolOption; filters: ListFilters; onFilter: (changes: Partial<ListFilters>) => void; canWrite: boolean }) {
  const t = useTranslations("consent");
  const labels = useLabels();
  const when = useWhen();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (consumerReferenceId: string) => postJson(`/api/consent/send?school=${encodeURIComponent(school.id)}`, { consumerReferenceId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["consent"] }),
  });
  // A value from the URL that is not (or no longer) offered stays selectable, so the select shows what filters.
  const withCurrent = (values: string[], current: string) => (current && !values.includes(current) ? [...values, current] : values);
  const filtered = Object.values(filters).some(Boolean);

  return (
    <div className="space-y-3">
      <fieldset className="flex flex-wrap items-end gap-4 text-sm">
        <legend className="sr-only">{t("filters")}</legend>
        <div>
          <label htmlFor="f-api" className="block">{t("filterApi")}</label>
          <select id="f-api" value={filters.api} onChange={(e) => onFilter({ api: e.target.value })} className={control}>
            <option value="">{t("all")}</option>
            {withCurrent(data.matrix.apis, filters.api).map((api) => <option key={api} value={api}>{labels.api(api)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-provider" className="block">{t("filterProvider")}</label>
          <select id="f-provider" value={filters.provider} onChange={(e) => onFilter({ provider: e.target.value })} className={control}>
            <option value="">{t("all")}</option>
            {withCurrent(data.providers.map((p) => p.id), filters.provider).map((id) => <option key={id} value={id}>{data.providers.find((p) => p.id === id)?.name ?? id}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-status" className="block">{t("filterStatus")}</label>
          <select id="f-status" value={filters.status} onChange={(e) => onFilter({ status: e.target.value })} className={control}>
            <option value="">{t("all")}</option>
            {withCurrent(STATUSES, filters.status).map((s) => <option key={s} value={s}>{labels.status(s)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-since" className="block">{t("filterSince")}</label>
          <input id="f-since" type="date" value={filters.since} onChange={(e) => onFilter({ since: e.target.value })} className={control} />
        </div>
      </fieldset>

      <p role="status">{t("count", { count: data.requests.length })}</p>
      {send.isError ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">{t("sendFailed")} {(send.error as Error).message}</p>
      ) : null}
      {data.requests.length === 0 ? <p>{filtered ? t("noneFiltered") : t("none")}</p> : (
        <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
          <caption className="sr-only">{t("listCaption", { school: school.name })}</caption>
          <thead className="bg-slate-100">
            <tr>{[t("colCreated"), t("colProvider"), t("colApi"), t("colScopes"), t("colStatus"), t("colChanged"), t("colActions")].map((h) => <th key={h} scope="col" className="p-2">{h}</th>)}</tr>
          </thead>
          <tbody>
            {data.requests.map((r) => {
              const historyId = `history-${r.consumerReferenceId}`;
              const rowLabel = t("rowLabel", { provider: r.providerName, api: labels.api(r.api), when: when.full(r.createdAt) });
              return (
                <Fragment key={r.consumerReferenceId}>
                  <tr className="border-t border-slate-200 align-top" data-testid={`request-${r.consumerReferenceId}`}>
                    <td className="p-2">
                      <span className="tabular-nums">{when.full(r.createdAt)}</span>
                      <span className="block text-xs text-slate-700">{t("createdBy", { who: r.createdBy })}</span>
                    </td>
                    <td className="p-2">{r.providerName}</td>
                    <td className="p-2">{labels.api(r.api)}</td>
                    <td className="p-2">
                      <ul>
                        {r.scopes.map((s) => (
                          <li key={s}>
                            {labels.scope(s)}
                            {r.extraScopes.includes(s) ? <> <span className="rounded border border-amber-400 bg-amber-50 px-1 text-xs text-amber-900">{t("extra")}</span></> : null}
                          </li>
                        ))}
                      </ul>
                      {r.reason ? <p className="mt-1 text-slate-700">{t("reasonShown", { reason: r.reason })}</p> : null}
                    </td>
                    <td className="p-2"><StatusText request={r} /></td>
                    <td className="p-2 tabular-nums">{when.full(r.changedAt)}</td>
                    <td className="p-2">
                      <div className="flex flex-col items-start gap-1">
                        {canWrite && r.status === "concept" ? (
                          <button type="button" disabled={send.isPending} onClick={() => send.mutate(r.consumerReferenceId)} className={small}>
                            {t("sendRow")}<span className="sr-only"> ({rowLabel})</span>
                          </button>
                        ) : null}
                        <button type="button" aria-expanded={open === r.consumerReferenceId} aria-controls={open === r.consumerReferenceId ? historyId : undefined} onClick={() => setOpen(open === r.consumerReferenceId ? null : r.consumerReferenceId)} className={small}>
                          {open === r.consumerReferenceId ? t("hideHistory") : t("showHistory")}<span className="sr-only"> ({rowLabel})</span>
                        </button>
                      </div>
                    </td>
                  </tr>
                  {open === r.consumerReferenceId ? (
                    <tr>
                      <td colSpan={7} className="p-0">
                        <RequestHistory id={historyId} schoolId={school.id} request={r} providers={data.providers} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
