"use client";

import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type RefObject } from "react";
import { apiErrorOf } from "@/components/lists/api-error";
import { Button } from "@/components/ui/button";
import { clientLazy } from "@/components/ui/client-lazy";
import { focusRing } from "@/components/ui/classes";
import { useFormats } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import type { ApiErrorBody } from "@/lib/contracts/errors";
import { LIST_FILTERS, type ListFilterChanges, type ListFilters } from "./list-filters";
import { OverviewRefresh } from "./overview-refresh";
import { checkConsent, overviewUrl, withdrawConsent, type ConsentOverview } from "./queries";
import type { SchoolOption } from "./status";
import { usePoll } from "./use-poll";

/** The new request's form loads when it is opened: most visits to the page draft nothing. */
const RequestForm = clientLazy(() => import("./request-form").then((m) => m.RequestForm));
/**
 * The matrix and the request list show in tables whose code loads in the browser anyway (the kit's
 * DataTable): their own code (the cells, the live check, the withdrawal; the list's filters and
 * history) loads with it, not before the page runs, and neither is usable before it is there.
 */
const ConsentMatrix = clientLazy(() => import("./consent-matrix").then((m) => m.ConsentMatrix), <Skeleton rows={3} />);
const RequestList = clientLazy(() => import("./request-list").then((m) => m.RequestList), <Skeleton rows={3} />);

/** A request being drafted: prefilled Provider and API; `n` starts the form afresh each time it is opened. */
type Draft = { providerId?: string; api?: string; n: number; focus: boolean };
type Prefill = { providerId?: string; api?: string };

/**
 * The overview as the server read it for the page's URL (app/toestemming/page.tsx): the answer, or
 * the error answer the route would have sent; `at` is when it was read.
 */
export type ServerOverview = ({ ok: true; value: ConsentOverview } | { ok: false; status: number; body: ApiErrorBody }) & { at: number };

/** The Toestemming page: the matrix, the form for a new request (for who may write at one of their schools) and the request list. */
export function ConsentPage({ school, writable, first }: { school: SchoolOption; writable: SchoolOption[]; first: ServerOverview }) {
  const t = useTranslations("consent");
  const [filters, setFilters, overview] = useOverview(school.id, first);
  const canWrite = writable.some((s) => s.id === school.id);
  const [draft, openForm, closeForm, formHeading] = useDraft(writable.length > 0);
  const data = overview.data;
  return (
    <OverviewRefresh value={overview.refresh}>
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
    </OverviewRefresh>
  );
}

/** The polled overview: its answer, since when, why it could not be read, whether one is on its way, and a refresh now. */
type Overview = ReturnType<typeof usePoll<ConsentOverview>>;

/**
 * The school's overview with the list filters kept in the URL (a change reads the overview in the
 * browser, not the page on the server). It starts from the server's answer and is polled so that
 * Provider answers (and the outbox's progress) appear without reloading; each poll is in the
 * background, not activity.
 */
function useOverview(schoolId: string, first: ServerOverview) {
  const [filters, setFilters] = useUrlFilters(LIST_FILTERS);
  const [served] = useState(() =>
    first.ok ? { data: first.value, at: first.at } : { error: apiErrorOf(first.status, first.body), at: first.at },
  );
  const overview = usePoll<ConsentOverview>(overviewUrl(schoolId, filters), { interval: 3_000, first: served });
  return [filters, setFilters, overview] as const;
}

/** What a failed read says: an ApiError's words (in the user's language), or the error's own. */
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Since when the overview is shown, why it could not be (re)loaded, or that it is loading. */
function OverviewNotes({
  overview,
  filters,
  onFilter,
}: {
  overview: Overview;
  filters: ListFilters;
  onFilter: (changes: ListFilterChanges) => void;
}) {
  const t = useTranslations("consent");
  const f = useFormats();
  const clock = (ms: number) => f.time(ms, { seconds: true });
  const data = overview.data;
  return (
    <>
      {overview.updatedAt ? <p className="text-sm text-slate-700">{t("updatedAt", { time: clock(overview.updatedAt) })}</p> : null}
      {overview.error ? (
        // With data shown, the page keeps it and says since when; without, what failed and why.
        data ? (
          <Notice tone="error" size="sm">
            {t("refreshFailed", { time: clock(overview.updatedAt), message: errorMessage(overview.error) })}
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
      {!data && overview.pending ? (
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
