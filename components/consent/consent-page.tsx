"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { getJson } from "@/components/lists/api";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import type { ConsentOverview } from "@/lib/contracts/consent";
import { ConsentMatrix } from "./consent-matrix";
import { RequestForm } from "./request-form";
import { LIST_FILTERS, RequestList } from "./request-list";
import type { SchoolOption } from "./status";

const focus = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800";

const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

/** A request being drafted: prefilled Provider and API; `n` starts the form afresh each time it is opened. */
type Draft = { providerId?: string; api?: string; n: number; focus: boolean };

export function ConsentPage({ school, writable }: { school: SchoolOption; writable: SchoolOption[] }) {
  const t = useTranslations("consent");
  const url = useSearchParams();
  const [filters, setFilters] = useUrlFilters(LIST_FILTERS);
  const query = new URLSearchParams({ school: school.id });
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, String(value));

  // Polled so that Provider answers (and the outbox's progress) appear without reloading.
  const overview = useQuery({
    queryKey: ["consent", school.id, filters],
    queryFn: () => getJson<ConsentOverview>(`/api/consent?${query}`),
    refetchInterval: 3_000,
    placeholderData: keepPreviousData,
    retry: false,
  });

  const canWrite = writable.some((s) => s.id === school.id);
  // The licence usage page links here with ?requestApi=usage-api&requestProvider=<Source> when a Source answered 0022
  // (a new request's prefill, named apart from the list filters `api` and `provider`).
  const [draft, setDraft] = useState<Draft | null>(() => {
    const providerId = url.get("requestProvider") ?? undefined;
    const api = url.get("requestApi") ?? undefined;
    return writable.length && (providerId || api) ? { providerId, api, n: 0, focus: false } : null;
  });
  const formHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (draft?.focus) formHeading.current?.focus();
  }, [draft]);
  // From the matrix, focus moves to the form far below; the disclosure button keeps it.
  const openForm = (prefill: { providerId?: string; api?: string }, moveFocus: boolean) => setDraft({ ...prefill, n: (draft?.n ?? 0) + 1, focus: moveFocus });

  const data = overview.data;
  return (
    <div className="space-y-8">
      {overview.dataUpdatedAt ? <p className="text-sm text-slate-700">{t("updatedAt", { time: clock(overview.dataUpdatedAt) })}</p> : null}
      {overview.isError ? (
        // With data shown, the page keeps it and says since when; without, what failed and why.
        data ? <Notice tone="error" size="sm">{t("refreshFailed", { time: clock(overview.dataUpdatedAt), message: overview.error.message })}</Notice> : (
          <div className="space-y-2 text-sm">
            <ErrorNotice error={overview.error} title={t("error")} />
            {/* A filter edited into the URL by hand can be refused; the filters themselves only show with data. */}
            {Object.values(filters).some(Boolean) ? <Button onClick={() => setFilters({ api: "", provider: "", status: "", since: "" })}>{t("clearFilters")}</Button> : null}
          </div>
        )
      ) : null}
      {!data && overview.isPending ? <div className="text-sm"><Skeleton label={t("loading")} rows={3} /></div> : null}

      {data ? (
        <section aria-labelledby="matrix-heading" className="space-y-2">
          <h2 id="matrix-heading" className="text-lg font-semibold">{t("matrixTitle")}</h2>
          <p className="max-w-3xl text-sm text-slate-700">{t("matrixIntro")}</p>
          <ConsentMatrix matrix={data.matrix} schoolName={school.name} onStart={canWrite ? (providerId, api) => openForm({ providerId, api }, true) : undefined} />
        </section>
      ) : null}

      {writable.length ? (
        <section aria-labelledby="new-request-heading" className="space-y-2">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="new-request-heading" ref={formHeading} tabIndex={-1} className={`text-lg font-semibold ${focus}`}>{t("formTitle")}</h2>
            <button type="button" aria-expanded={draft !== null} aria-controls={draft ? "new-request-form" : undefined} onClick={() => (draft ? setDraft(null) : openForm({}, false))} className={`rounded border border-slate-500 px-2 py-0.5 text-sm ${focus}`}>
              {draft ? t("closeForm") : t("openForm")}
            </button>
          </div>
          {draft ? (
            <div id="new-request-form">
              <RequestForm key={draft.n} labelledBy="new-request-heading" schools={writable} defaultSchool={canWrite ? school.id : writable[0]!.id} prefill={draft} />
            </div>
          ) : null}
        </section>
      ) : null}

      {data ? (
        <section aria-labelledby="request-list-heading" className="space-y-2">
          <h2 id="request-list-heading" className="text-lg font-semibold">{t("listTitle")}</h2>
          <RequestList data={data} school={school} filters={filters} onFilter={setFilters} canWrite={canWrite} />
        </section>
      ) : null}
    </div>
  );
}
