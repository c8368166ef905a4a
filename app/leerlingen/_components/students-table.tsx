"use client";

import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useDeferredValue, useRef, useState } from "react";
import { downloadPost, postJson, useEnrollmentOptions } from "@/components/lists/api";
import { opaqueKey } from "@/components/lists/opaque-key";

type Row = { key: string; name: string; familyName: string; familyNamePrefix?: string; givenName: string; dateOfBirth?: string; email?: string; maskedId: string };
type Answer = { total: number; rows: Row[]; page: number; pageSize: number; ageSeconds: number; invalid: { count: number; paths: Record<string, number> } };
type Sort = "familyName" | "name" | "dateOfBirth";
type ColumnId = "name" | "familyName" | "dateOfBirth" | "email" | "maskedId";

/** Rows per request: the list is virtualised, so the browser holds only the pages in view. */
const PAGE_SIZE = 100;
const ROW_HEIGHT = 40;
// Filters and sort live in the URL (shareable, back button): periods and offerings, never a person.
const SOURCE_FILTERS = ["schoolPeriodId", "studyOfferingId", "subjectOfferingId"] as const;

// A POST: the name search travels in the body, never in a URL (where proxy and access logs keep it).
function fetchStudents(params: Record<string, string>, page: number, refresh = false) {
  return postJson<Answer>("/api/students", { ...params, page, pageSize: PAGE_SIZE, ...(refresh ? { refresh: true } : {}) });
}

export function StudentsTable({ canFilter }: { canFilter: boolean }) {
  const t = useTranslations("students");
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const url = useSearchParams();
  const sort = (["familyName", "name", "dateOfBirth"].includes(url.get("sort") ?? "") ? url.get("sort") : "familyName") as Sort;
  const dir = url.get("dir") === "desc" ? "desc" : "asc";
  const filters = Object.fromEntries(SOURCE_FILTERS.map((k) => [k, url.get(k) ?? ""]).filter(([, v]) => v)) as Record<string, string>;
  // The name search stays in this component: it is never written into the URL or the history.
  const [q, setQ] = useState("");
  const search = useDeferredValue(q.trim());
  const params: Record<string, string> = { ...filters, sort, dir, ...(search ? { q: search } : {}) };
  // The cache key holds an opaque token for the search, never its text.
  const keyParams: Record<string, string> = { ...filters, sort, dir, ...(search ? { search: opaqueKey(search) } : {}) };
  const [visible, setVisible] = useState<Record<ColumnId, boolean>>({ name: true, familyName: true, dateOfBirth: true, email: false, maskedId: true });
  const [notice, setNotice] = useState<string | null>(null);
  const options = useEnrollmentOptions(canFilter);

  const setUrl = (changes: Record<string, string>) => {
    const next = new URLSearchParams(url);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };

  const scrollRef = useRef<HTMLDivElement>(null);
  const base = ["students", keyParams] as const;
  // Page 1 always (it carries the total); further pages only while their rows are in view.
  const first = useQueries({ queries: [{ queryKey: [...base, 1], queryFn: () => fetchStudents(params, 1), placeholderData: (prev: Answer | undefined) => prev }] })[0]!;
  const total = first.data?.total ?? 0;
  // TanStack Virtual hands out functions the React Compiler cannot memoise; it skips this component, as intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const pagesInView = [...new Set(items.map((i) => Math.floor(i.index / PAGE_SIZE) + 1))].filter((p) => p > 1);
  const more = useQueries({ queries: pagesInView.map((p) => ({ queryKey: [...base, p], queryFn: () => fetchStudents(params, p), staleTime: 30_000 })) });
  const pageData = new Map<number, Answer | undefined>([[1, first.data], ...pagesInView.map((p, i) => [p, more[i]?.data] as const)]);
  const rowAt = (index: number) => pageData.get(Math.floor(index / PAGE_SIZE) + 1)?.rows[index % PAGE_SIZE];
  const pageError = more.find((m) => m.isError)?.error as Error | undefined;

  // A failed refresh keeps the rows already shown and says why.
  const refresh = async () => {
    try {
      const fresh = await fetchStudents(params, 1, true);
      const firstKey = JSON.stringify([...base, 1]);
      queryClient.setQueryData([...base, 1], fresh);
      // Every other page (and other sorts and filters) came from the old answer: fetch them again when shown.
      await queryClient.invalidateQueries({ queryKey: ["students"], predicate: (q) => JSON.stringify(q.queryKey) !== firstKey });
      setNotice(null);
    } catch (err) {
      setNotice((err as Error).message);
    }
  };
  const exportCsv = async () => {
    const failed = await downloadPost("/api/students/export", { ...filters, q: search || undefined, sort, dir }, "leerlingen.csv");
    setNotice(failed ? `${t("exportFailed")}: ${failed}` : null);
  };
  const error = notice ?? (first.isError ? (first.error as Error).message : pageError?.message ?? null);

  const labels: Record<ColumnId, string> = { name: t("colName"), familyName: t("colFamilyName"), dateOfBirth: t("colDateOfBirth"), email: t("colEmail"), maskedId: t("colId") };
  const columns = (Object.keys(labels) as ColumnId[]).filter((c) => visible[c]);
  const sortable: Partial<Record<ColumnId, Sort>> = { name: "name", familyName: "familyName", dateOfBirth: "dateOfBirth" };
  const header = (c: ColumnId) => {
    const by = sortable[c];
    if (!by) return labels[c];
    return (
      <button type="button" className="font-semibold underline-offset-4 hover:underline" aria-label={t("sortBy", { column: labels[c] })}
        onClick={() => { setUrl({ sort: by, dir: sort === by && dir === "asc" ? "desc" : "asc" }); scrollRef.current?.scrollTo({ top: 0 }); }}>
        {labels[c]}{sort === by ? (dir === "asc" ? " ▲" : " ▼") : ""}
      </button>
    );
  };
  const cell = (r: Row, c: ColumnId) => {
    switch (c) {
      case "name": return <Link href={`/leerlingen/${r.key}`} className="text-blue-800 underline underline-offset-2">{r.name}</Link>;
      case "familyName": return [r.familyNamePrefix, r.familyName].filter(Boolean).join(" ");
      case "dateOfBirth": return r.dateOfBirth ?? "—";
      case "email": return r.email ?? "—";
      case "maskedId": return <span className="font-mono text-xs">{r.maskedId}</span>;
    }
  };
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-4 text-sm">
        <div>
          <label htmlFor="search" className="block">{t("search")}</label>
          <input id="search" type="search" value={q} onChange={(e) => { setQ(e.target.value); scrollRef.current?.scrollTo({ top: 0 }); }} className="rounded border border-slate-500 px-2 py-1" autoComplete="off" />
        </div>
        {canFilter ? (
          <>
            <div>
              <label htmlFor="f-period" className="block">{t("filterPeriod")}</label>
              <select id="f-period" value={filters.schoolPeriodId ?? ""} onChange={(e) => setUrl({ schoolPeriodId: e.target.value })} className="rounded border border-slate-500 px-2 py-1">
                <option value="">{t("all")}</option>
                {options.data?.periods.map((p) => <option key={p} value={p}>{p}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="f-study" className="block">{t("filterStudy")}</label>
              <select id="f-study" value={filters.studyOfferingId ?? ""} onChange={(e) => setUrl({ studyOfferingId: e.target.value })} className="max-w-60 rounded border border-slate-500 px-2 py-1">
                <option value="">{t("all")}</option>
                {options.data?.studyOfferings.map((o) => <option key={o.id} value={o.id}>{o.studyYear !== undefined ? t("studyOption", { id: o.id, year: o.studyYear }) : o.id}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="f-subject" className="block">{t("filterSubject")}</label>
              <select id="f-subject" value={filters.subjectOfferingId ?? ""} onChange={(e) => setUrl({ subjectOfferingId: e.target.value })} className="max-w-72 rounded border border-slate-500 px-2 py-1">
                <option value="">{t("all")}</option>
                {options.data?.subjectOfferings.map((o) => <option key={o.id} value={o.id}>{o.id}</option>)}
              </select>
            </div>
          </>
        ) : null}
        <fieldset>
          <legend>{t("columns")}</legend>
          {(Object.keys(labels) as ColumnId[]).map((c) => (
            <label key={c} className="mr-3 inline-flex items-center gap-1">
              <input type="checkbox" checked={visible[c]} disabled={c === "name"} onChange={(e) => setVisible({ ...visible, [c]: e.target.checked })} />
              {labels[c]}
            </label>
          ))}
        </fieldset>
      </div>
      {canFilter && options.isError ? <p className="text-sm text-slate-700">{t("filtersUnavailable")}</p> : null}
      {canFilter ? <p className="text-sm text-slate-700">{t("classNote")}</p> : null}

      {error ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-red-900">
          <p className="font-semibold">{t("error")}</p>
          <p>{error}</p>
        </div>
      ) : null}
      {first.data && first.data.invalid.count > 0 ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
          {t("invalid", { count: first.data.invalid.count, paths: Object.keys(first.data.invalid.paths).join(", ") })}
        </p>
      ) : null}

      {first.isPending ? (
        <div role="status" aria-live="polite" className="space-y-2">
          <p className="text-slate-700">{t("loading")}</p>
          {Array.from({ length: 6 }, (_, i) => <div key={i} className="h-8 animate-pulse rounded bg-slate-200" />)}
        </div>
      ) : first.data ? (
        <>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <p role="status" aria-live="polite">{t("count", { total })}</p>
            <p className="text-slate-700">{t("age", { seconds: first.data.ageSeconds })}</p>
            <button type="button" onClick={refresh} className="rounded border border-slate-500 px-2 py-0.5">{t("refresh")}</button>
            <button type="button" onClick={exportCsv} className="rounded border border-slate-500 px-2 py-0.5">{t("export")}</button>
          </div>
          {total === 0 ? <p>{t("empty")}</p> : (
            <div ref={scrollRef} tabIndex={0} role="region" aria-label={t("scrollRegion")} className="h-[65vh] overflow-auto rounded border border-slate-300 bg-white shadow-sm" data-testid="students-scroll">
              <table className="w-full border-collapse text-left text-sm" aria-rowcount={total + 1}>
                <caption className="sr-only">{t("title")}</caption>
                <thead className="sticky top-0 z-10 bg-slate-100">
                  <tr aria-rowindex={1}>{columns.map((c) => <th key={c} scope="col" className="p-2">{header(c)}</th>)}</tr>
                </thead>
                <tbody>
                  {padTop > 0 ? <tr aria-hidden="true" style={{ height: padTop }} /> : null}
                  {items.map((item) => {
                    const r = rowAt(item.index);
                    return (
                      <tr key={r?.key ?? `pending-${item.index}`} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }} className="border-t border-slate-200">
                        {r ? columns.map((c) => <td key={c} className="whitespace-nowrap p-2">{cell(r, c)}</td>) : <td colSpan={columns.length} className="p-2"><span className="block h-4 w-1/2 animate-pulse rounded bg-slate-200" /><span className="sr-only">{t("loading")}</span></td>}
                      </tr>
                    );
                  })}
                  {padBottom > 0 ? <tr aria-hidden="true" style={{ height: padBottom }} /> : null}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </div>
  );
}
