"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type VisibilityState } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";

type Row = { key: string; name: string; familyName: string; familyNamePrefix?: string; givenName: string; dateOfBirth?: string; email?: string; maskedId: string };
type Answer = { total: number; rows: Row[]; page: number; pageSize: number; ageSeconds: number; invalid: { count: number; paths: Record<string, number> } };
type Sort = "familyName" | "name" | "dateOfBirth";

const PAGE_SIZE = 50;

async function fetchStudents(params: { q: string; sort: Sort; dir: "asc" | "desc"; page: number; refresh: boolean }): Promise<Answer> {
  // The search term goes in this request only; it is never written into the page URL or history.
  const search = new URLSearchParams({ sort: params.sort, dir: params.dir, page: String(params.page), pageSize: String(PAGE_SIZE) });
  if (params.q) search.set("q", params.q);
  if (params.refresh) search.set("refresh", "1");
  const res = await fetch(`/api/students?${search}`, { headers: { accept: "application/json" } });
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error((body as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${res.status}`);
  return body as Answer;
}

const column = createColumnHelper<Row>();

export function StudentsTable() {
  const t = useTranslations("students");
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const query = useDeferredValue(q.trim());
  const [sort, setSort] = useState<Sort>("familyName");
  const [dir, setDir] = useState<"asc" | "desc">("asc");
  const [page, setPage] = useState(1);
  const [visibility, setVisibility] = useState<VisibilityState>({ email: false });
  const key = ["students", { q: query, sort, dir, page }] as const;
  const students = useQuery({ queryKey: key, queryFn: () => fetchStudents({ q: query, sort, dir, page, refresh: false }), placeholderData: keepPreviousData });

  const sortable = (id: Sort, label: string) => (
    <button type="button" className="font-semibold underline-offset-4 hover:underline" aria-label={t("sortBy", { column: label })}
      onClick={() => { setDir(sort === id && dir === "asc" ? "desc" : "asc"); setSort(id); setPage(1); }}>
      {label}{sort === id ? (dir === "asc" ? " ▲" : " ▼") : ""}
    </button>
  );
  const columns = [
    column.accessor("name", { id: "name", header: () => sortable("name", t("colName")) }),
    column.accessor((r) => [r.familyNamePrefix, r.familyName].filter(Boolean).join(" "), { id: "familyName", header: () => sortable("familyName", t("colFamilyName")) }),
    column.accessor("dateOfBirth", { id: "dateOfBirth", header: () => sortable("dateOfBirth", t("colDateOfBirth")), cell: (c) => c.getValue() ?? "—" }),
    column.accessor("email", { id: "email", header: t("colEmail"), cell: (c) => c.getValue() ?? "—" }),
    column.accessor("maskedId", { id: "maskedId", header: t("colId") }),
  ];
  // TanStack Table v8 hands out functions the React Compiler cannot memoise; it skips this component, as intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({ data: students.data?.rows ?? [], columns, state: { columnVisibility: visibility }, onColumnVisibilityChange: setVisibility, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.key });
  const pages = Math.max(1, Math.ceil((students.data?.total ?? 0) / PAGE_SIZE));
  const [refreshError, setRefreshError] = useState<string | null>(null);
  // A failed refresh keeps the rows already shown and says why.
  const refresh = async () => {
    try {
      queryClient.setQueryData(key, await fetchStudents({ q: query, sort, dir, page, refresh: true }));
      setRefreshError(null);
    } catch (err) {
      setRefreshError((err as Error).message);
    }
  };
  // The export is a POST (filters in the body, CSRF header) whose answer becomes a download.
  const exportCsv = async () => {
    const res = await fetch("/api/students/export", { method: "POST", headers: { "content-type": "application/json", "x-ldb-csrf": "1" }, body: JSON.stringify({ q: query || undefined, sort, dir }) });
    if (!res.ok) {
      const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
      setRefreshError(`${t("exportFailed")}: ${body?.error?.message ?? res.status}`);
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "leerlingen.csv";
    link.click();
    URL.revokeObjectURL(url);
  };
  const error = refreshError ?? (students.isError ? (students.error as Error).message : null);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="zoek" className="block text-sm">{t("search")}</label>
          <input id="zoek" type="search" value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} className="rounded border border-slate-500 px-2 py-1" autoComplete="off" />
        </div>
        <fieldset className="text-sm">
          <legend>{t("columns")}</legend>
          {table.getAllLeafColumns().map((c) => (
            <label key={c.id} className="mr-3 inline-flex items-center gap-1">
              <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />
              {{ name: t("colName"), familyName: t("colFamilyName"), dateOfBirth: t("colDateOfBirth"), email: t("colEmail"), maskedId: t("colId") }[c.id]}
            </label>
          ))}
        </fieldset>
        {students.data ? (
          <p className="text-sm text-slate-700">
            {t("age", { seconds: students.data.ageSeconds })}{" "}
            <button type="button" onClick={refresh} className="rounded border border-slate-500 px-2 py-0.5">{t("refresh")}</button>{" "}
            <button type="button" onClick={exportCsv} className="rounded border border-slate-500 px-2 py-0.5">{t("export")}</button>
          </p>
        ) : null}
      </div>

      {error ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-red-900">
          <p className="font-semibold">{t("error")}</p>
          <p>{error}</p>
        </div>
      ) : null}
      {students.data && students.data.invalid.count > 0 ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
          {t("invalid", { count: students.data.invalid.count, paths: Object.keys(students.data.invalid.paths).join(", ") })}
        </p>
      ) : null}

      {students.isPending ? (
        <p role="status" aria-live="polite" className="animate-pulse text-slate-700">{t("loading")}</p>
      ) : students.data ? (
        <>
          <p role="status" aria-live="polite" className="text-sm">{t("count", { total: students.data.total })}</p>
          <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
            <caption className="sr-only">{t("title")}</caption>
            <thead className="bg-slate-100">
              {table.getHeaderGroups().map((g) => (
                <tr key={g.id}>{g.headers.map((h) => <th key={h.id} scope="col" className="p-2">{flexRender(h.column.columnDef.header, h.getContext())}</th>)}</tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-200">{r.getVisibleCells().map((c) => <td key={c.id} className="p-2">{flexRender(c.column.columnDef.cell, c.getContext())}</td>)}</tr>
              ))}
            </tbody>
          </table>
          {students.data.total === 0 ? <p>{t("empty")}</p> : null}
          <nav aria-label={t("page", { page, pages })} className="flex items-center gap-3 text-sm">
            <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)} className="rounded border border-slate-500 px-2 py-1 disabled:opacity-50">{t("previous")}</button>
            <span>{t("page", { page, pages })}</span>
            <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)} className="rounded border border-slate-500 px-2 py-1 disabled:opacity-50">{t("next")}</button>
          </nav>
        </>
      ) : null}
    </div>
  );
}
