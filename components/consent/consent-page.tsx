"use client";

import { keepPreviousData, useQuery, type UseQueryResult } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { focusRing } from "@/components/ui/classes";
import { useFormats } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import { ConsentMatrix } from "./consent-matrix";
import { checkConsent, consentKeys, fetchConsentOverview, withdrawConsent, type ConsentOverview } from "./queries";
import type { ListFilterChanges } from "./request-filters";
import { LIST_FILTERS, RequestList, type ListFilters } from "./request-list";
import type { SchoolOption } from "./status";

/** The new request's form loads when it is opened: most visits to the page draft nothing. */
const RequestForm = dynamic(() => import("./request-form").then((m) => m.RequestForm), { ssr: false });

/** A request being drafted: prefilled Provider and API; `n` starts the form afresh each time it is opened. */
type Draft = { providerId?: string; api?: string; n: number; focus: boolean };
type Prefill = { providerId?: string; api?: string };

/** The Toestemming page: the matrix, the form for a new request (for who may write at one of their schools) and the request list. */
export function ConsentPage({ school, writable }: { school: SchoolOption; writable: SchoolOption[] }) {
  const t = useTranslations("consent");
  const [filters, setFilters, overview] = useOverview(school.id);
  const canWrite = writable.some((s) => s.id === school.id);
  const [draft, openForm, closeForm, formHeading] = useDraft(writable.length > 0);
  const data = overview.data;
  return (
    <div className="space-y-8">
      <OverviewNotes overview={overview} filters={filters} onFilter={setFilters} />

      {data ? (
        <section aria-labelledby="matrix-heading" className="space-y-2">
          <h2 id="matrix-heading" className="text-lg font-semibold">
            {t("matrixTitle")}
          </h2>
          <p className="max-w-3xl text-sm text-slate-700">{t("matrixIntro")}</p>
          <ConsentMatrix
            matrix={data.matrix}
            schoolName={school.name}
            onStart={canWrite ? (providerId, api) => openForm({ providerId, api }, true) : undefined}
            onWithdraw={canWrite ? (body) => withdrawConsent(school.id, body) : undefined}
            // The check only reads (consent.read, like the page): whoever sees the matrix may ask for one.
            onCheck={(body) => checkConsent(school.id, body)}
          />
        </section>
      ) : null}

      {writable.length ? (
        <NewRequestSection
          draft={draft}
          onOpen={() => openForm({}, false)}
          onClose={closeForm}
          headingRef={formHeading}
          schools={writable}
          defaultSchool={canWrite ? school.id : writable[0]!.id}
        />
      ) : null}

      {data ? (
        <section aria-labelledby="request-list-heading" className="space-y-2">
          <h2 id="request-list-heading" className="text-lg font-semibold">
            {t("listTitle")}
          </h2>
          <RequestList data={data} school={school} filters={filters} onFilter={setFilters} canWrite={canWrite} />
        </section>
      ) : null}
    </div>
  );
}

/** The school's overview with the list filters kept in the URL. */
function useOverview(schoolId: string) {
  const [filters, setFilters] = useUrlFilters(LIST_FILTERS);
  // Polled so that Provider answers (and the outbox's progress) appear without reloading.
  const overview = useQuery({
    queryKey: consentKeys.overview(schoolId, filters),
    // A refetch of an answer already shown is the poll: in the background, not activity.
    queryFn: ({ client, queryKey }) => fetchConsentOverview(schoolId, filters, { background: client.getQueryData(queryKey) !== undefined }),
    refetchInterval: 3_000,
    placeholderData: keepPreviousData,
    retry: false,
  });
  return [filters, setFilters, overview] as const;
}

/** Since when the overview is shown, why it could not be (re)loaded, or that it is loading. */
function OverviewNotes({
  overview,
  filters,
  onFilter,
}: {
  overview: UseQueryResult<ConsentOverview>;
  filters: ListFilters;
  onFilter: (changes: ListFilterChanges) => void;
}) {
  const t = useTranslations("consent");
  const f = useFormats();
  const clock = (ms: number) => f.time(ms, { seconds: true });
  const data = overview.data;
  return (
    <>
      {overview.dataUpdatedAt ? <p className="text-sm text-slate-700">{t("updatedAt", { time: clock(overview.dataUpdatedAt) })}</p> : null}
      {overview.isError ? (
        // With data shown, the page keeps it and says since when; without, what failed and why.
        data ? (
          <Notice tone="error" size="sm">
            {t("refreshFailed", { time: clock(overview.dataUpdatedAt), message: overview.error.message })}
          </Notice>
        ) : (
          <div className="space-y-2 text-sm">
            <ErrorNotice error={overview.error} title={t("error")} />
            {/* A filter edited into the URL by hand can be refused; the filters themselves only show with data. */}
            {Object.values(filters).some(Boolean) ? (
              <Button onClick={() => onFilter({ api: "", provider: "", status: "", since: "" })}>{t("clearFilters")}</Button>
            ) : null}
          </div>
        )
      ) : null}
      {!data && overview.isPending ? (
        <div className="text-sm">
          <Skeleton label={t("loading")} rows={3} />
        </div>
      ) : null}
    </>
  );
}

/** The heading of the new request, the button that opens and closes its form, and the form while open. */
function NewRequestSection({
  draft,
  onOpen,
  onClose,
  headingRef,
  schools,
  defaultSchool,
}: {
  draft: Draft | null;
  onOpen: () => void;
  onClose: () => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
  schools: SchoolOption[];
  defaultSchool: string;
}) {
  const t = useTranslations("consent");
  return (
    <section aria-labelledby="new-request-heading" className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="new-request-heading" ref={headingRef} tabIndex={-1} className={`text-lg font-semibold ${focusRing}`}>
          {t("formTitle")}
        </h2>
        <Button
          aria-expanded={draft !== null}
          aria-controls={draft ? "new-request-form" : undefined}
          onClick={() => (draft ? onClose() : onOpen())}
          className="text-sm"
        >
          {draft ? t("closeForm") : t("openForm")}
        </Button>
      </div>
      {draft ? (
        <div id="new-request-form">
          <RequestForm key={draft.n} labelledBy="new-request-heading" schools={schools} defaultSchool={defaultSchool} prefill={draft} />
        </div>
      ) : null}
    </section>
  );
}

/**
 * The new request's draft: open from the start when the licence usage page linked here with
 * ?requestApi=usage-api&requestProvider=<Source> after a 0022 (a prefill, named apart from the list
 * filters `api` and `provider`). From the matrix, focus moves to the form's heading far below; the
 * disclosure button keeps it.
 */
function useDraft(mayWrite: boolean) {
  const url = useSearchParams();
  const [draft, setDraft] = useState<Draft | null>(() => {
    const providerId = url.get("requestProvider") ?? undefined;
    const api = url.get("requestApi") ?? undefined;
    return mayWrite && (providerId || api) ? { providerId, api, n: 0, focus: false } : null;
  });
  const formHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (draft?.focus) formHeading.current?.focus();
  }, [draft]);
  const open = (prefill: Prefill, moveFocus: boolean) => setDraft({ ...prefill, n: (draft?.n ?? 0) + 1, focus: moveFocus });
  return [draft, open, () => setDraft(null), formHeading] as const;
}
