"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";

type Row = { id: string; studentName?: string; type: string; offering: string; studyYear?: number; schoolPeriod: string; beginDate: string; endDate?: string; status: string };
type Answer = { total: number; toBeDeleted: number; rows: Row[]; ageSeconds: number; invalid: { count: number; paths: Record<string, number> } };

// Filters live in the URL (shareable, back button); they name offerings and periods, never a person.
const FILTERS = ["enrollmentType", "schoolPeriodId", "subjectOfferingId", "includeToBeDeleted", "page"] as const;

export function EnrollmentsTable() {
  const t = useTranslations("enrollments");
  const tList = useTranslations("students");
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ""]).filter(([, v]) => v));
  const page = Number(filter.page ?? 1);
  const data = useQuery({
    queryKey: ["enrollments", filter],
    queryFn: async (): Promise<Answer> => {
      const res = await fetch(`/api/enrollments?${new URLSearchParams({ ...filter, pageSize: "50" })}`);
      const body = await res.json().catch(() => undefined);
      if (!res.ok) throw new Error((body as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${res.status}`);
      return body as Answer;
    },
    placeholderData: keepPreviousData,
  });
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
    if (!("page" in changes)) next.delete("page");
    router.replace(`${pathname}?${next}`);
  };
  const pages = Math.max(1, Math.ceil((data.data?.total ?? 0) / 50));

  return (
    <div className="space-y-4">
      <form className="flex flex-wrap items-end gap-4 text-sm" onSubmit={(e) => { e.preventDefault(); const f = new FormData(e.currentTarget); set({ subjectOfferingId: String(f.get("subjectOfferingId") ?? "").trim() }); }}>
        <div>
          <label htmlFor="type" className="block">{t("type")}</label>
          <select id="type" value={filter.enrollmentType ?? ""} onChange={(e) => set({ enrollmentType: e.target.value })} className="rounded border border-slate-500 px-2 py-1">
            <option value="">{t("all")}</option><option value="study">{t("study")}</option><option value="subject">{t("subject")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="period" className="block">{t("period")}</label>
          <select id="period" value={filter.schoolPeriodId ?? ""} onChange={(e) => set({ schoolPeriodId: e.target.value })} className="rounded border border-slate-500 px-2 py-1">
            <option value="">{t("all")}</option><option value="2025-2026">2025-2026</option><option value="2024-2025">2024-2025</option>
          </select>
        </div>
        <div>
          <label htmlFor="subjectOfferingId" className="block">{t("offering")}</label>
          <input id="subjectOfferingId" name="subjectOfferingId" defaultValue={filter.subjectOfferingId ?? ""} className="rounded border border-slate-500 px-2 py-1" />
        </div>
        <button type="submit" className="rounded border border-slate-500 px-2 py-1">{t("apply")}</button>
        <label className="inline-flex items-center gap-1">
          <input type="checkbox" checked={filter.includeToBeDeleted === "1"} onChange={(e) => set({ includeToBeDeleted: e.target.checked ? "1" : "" })} />
          {t("showDeleted")}
        </label>
      </form>
      {data.isError ? <div role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-red-900"><p className="font-semibold">{t("error")}</p><p>{(data.error as Error).message}</p></div> : null}
      {data.isPending ? <p role="status" className="animate-pulse">{t("loading")}</p> : data.data ? (
        <>
          <p role="status" className="text-sm">{t("count", { total: data.data.total })}{filter.includeToBeDeleted !== "1" && data.data.toBeDeleted ? ` ${t("hiddenDeleted", { count: data.data.toBeDeleted })}` : ""}</p>
          <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
            <caption className="sr-only">{t("title")}</caption>
            <thead className="bg-slate-100"><tr>{(["colStudent", "colType", "colOffering", "colYear", "colPeriod", "colBegin", "colEnd", "colStatus"] as const).map((c) => <th key={c} scope="col" className="p-2">{t(c)}</th>)}</tr></thead>
            <tbody>
              {data.data.rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-200">
                  <td className="p-2">{r.studentName ?? "—"}</td>
                  <td className="p-2">{r.type === "study" ? t("study") : r.type === "subject" ? t("subject") : r.type}</td>
                  <td className="p-2 font-mono text-xs">{r.offering}</td>
                  <td className="p-2">{r.studyYear ?? "—"}</td>
                  <td className="p-2">{r.schoolPeriod}</td>
                  <td className="p-2 tabular-nums">{r.beginDate}</td>
                  <td className="p-2 tabular-nums">{r.endDate ?? "—"}</td>
                  <td className="p-2">{r.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav aria-label={tList("page", { page, pages })} className="flex items-center gap-3 text-sm">
            <button type="button" disabled={page <= 1} onClick={() => set({ page: String(page - 1) })} aria-label={tList("previous")} className="rounded border border-slate-500 px-2 py-1 disabled:opacity-50">←</button>
            <span>{page} / {pages}</span>
            <button type="button" disabled={page >= pages} onClick={() => set({ page: String(page + 1) })} aria-label={tList("next")} className="rounded border border-slate-500 px-2 py-1 disabled:opacity-50">→</button>
          </nav>
        </>
      ) : null}
    </div>
  );
}
