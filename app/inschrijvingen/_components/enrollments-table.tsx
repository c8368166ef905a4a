"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { downloadPost, getJson, useEnrollmentOptions } from "@/components/lists/api";
import { EnrolledNowCell, statusWord, type EnrolledNow } from "./status-words";

type Row = { id: string; studentKey: string; studentName?: string; type: string; offering: string; studyYear?: number; schoolPeriod: string; beginDate: string; endDate?: string; status: string; enrolledNow: EnrolledNow };
type Answer = { total: number; toBeDeleted: number; unknownStatus: number; ambiguousStudent?: number; today: string; rows: Row[]; ageSeconds: number; invalid: { count: number; paths: Record<string, number> } };

// Filters live in the URL (shareable, back button); they name offerings and periods, never a person.
const FILTERS = ["enrollmentType", "schoolPeriodId", "studyOfferingId", "subjectOfferingId", "studyYear", "location", "includeToBeDeleted", "page"] as const;

export function EnrollmentsTable() {
  const t = useTranslations("enrollments");
  const tList = useTranslations("students");
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ""]).filter(([, v]) => v));
  const page = Number(filter.page ?? 1);
  const options = useEnrollmentOptions();
  const [notice, setNotice] = useState<string | null>(null);
  const queryClient = useQueryClient();
  // Asks the Source again; a failed refresh keeps the rows already shown and says why.
  const refresh = async () => {
    try {
      const fresh = await getJson<Answer>(`/api/enrollments?${new URLSearchParams({ ...filter, pageSize: "50", refresh: "1" })}`);
      const key = JSON.stringify(["enrollments", filter]);
      queryClient.setQueryData(["enrollments", filter], fresh);
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === "enrollment-options" || (q.queryKey[0] === "enrollments" && JSON.stringify(q.queryKey) !== key) });
      setNotice(null);
    } catch (err) {
      setNotice((err as Error).message);
    }
  };
  const refreshButton = <button type="button" onClick={refresh} className="rounded border border-slate-500 px-2 py-0.5">{tList("refresh")}</button>;
  const exportCsv = async () => {
    const { enrollmentType, schoolPeriodId, studyOfferingId, subjectOfferingId, studyYear, location, includeToBeDeleted } = filter;
    const failed = await downloadPost("/api/enrollments/export", {
      enrollmentType, schoolPeriodId, studyOfferingId, subjectOfferingId, location,
      studyYear: studyYear ? Number(studyYear) : undefined, includeToBeDeleted: includeToBeDeleted === "1",
    }, "inschrijvingen.csv");
    setNotice(failed ? `${tList("exportFailed")}: ${failed}` : null);
  };
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
      <div className="flex flex-wrap items-end gap-4 text-sm">
        <div>
          <label htmlFor="type" className="block">{t("type")}</label>
          <select id="type" value={filter.enrollmentType ?? ""} onChange={(e) => set({ enrollmentType: e.target.value })} className="rounded border border-slate-500 px-2 py-1">
            <option value="">{t("all")}</option><option value="study">{t("study")}</option><option value="subject">{t("subject")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="period" className="block">{t("period")}</label>
          <select id="period" value={filter.schoolPeriodId ?? ""} onChange={(e) => set({ schoolPeriodId: e.target.value })} className="rounded border border-slate-500 px-2 py-1">
            <option value="">{t("all")}</option>
            {options.data?.periods.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="studyOfferingId" className="block">{t("studyOffering")}</label>
          <select id="studyOfferingId" value={filter.studyOfferingId ?? ""} onChange={(e) => set({ studyOfferingId: e.target.value })} className="max-w-60 rounded border border-slate-500 px-2 py-1">
            <option value="">{t("all")}</option>
            {options.data?.studyOfferings.map((o) => <option key={o.id} value={o.id}>{o.id}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="subjectOfferingId" className="block">{t("offering")}</label>
          <select id="subjectOfferingId" value={filter.subjectOfferingId ?? ""} onChange={(e) => set({ subjectOfferingId: e.target.value })} className="max-w-72 rounded border border-slate-500 px-2 py-1">
            <option value="">{t("all")}</option>
            {options.data?.subjectOfferings.map((o) => <option key={o.id} value={o.id}>{o.id}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="studyYear" className="block">{t("studyYear")}</label>
          <select id="studyYear" value={filter.studyYear ?? ""} onChange={(e) => set({ studyYear: e.target.value })} className="rounded border border-slate-500 px-2 py-1">
            <option value="">{t("all")}</option>
            {options.data?.studyYears.map((y) => <option key={y} value={String(y)}>{y}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="location" className="block">{t("location")}</label>
          <select id="location" value={filter.location ?? ""} onChange={(e) => set({ location: e.target.value })} className="rounded border border-slate-500 px-2 py-1">
            <option value="">{t("all")}</option>
            {options.data?.locations.map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
        </div>
        <label className="inline-flex items-center gap-1">
          <input type="checkbox" checked={filter.includeToBeDeleted === "1"} onChange={(e) => set({ includeToBeDeleted: e.target.checked ? "1" : "" })} />
          {t("showDeleted")}
        </label>
      </div>
      {options.isError ? <p className="text-sm text-slate-700">{tList("filtersUnavailable")}</p> : null}
      {notice ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">{notice}</p> : null}
      {data.isError ? <div className="space-y-2">{notice ? null : <div role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-red-900"><p className="font-semibold">{t("error")}</p><p>{(data.error as Error).message}</p></div>}<div className="text-sm">{refreshButton}</div></div> : null}
      {data.isPending ? <div role="status" aria-live="polite" className="space-y-2"><p>{t("loading")}</p>{Array.from({ length: 6 }, (_, i) => <div key={i} className="h-8 animate-pulse rounded bg-slate-200" />)}</div> : data.data ? (
        <>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <p role="status">{t("count", { total: data.data.total })}{filter.includeToBeDeleted !== "1" && data.data.toBeDeleted ? ` ${t("hiddenDeleted", { count: data.data.toBeDeleted })}` : ""}{data.data.unknownStatus ? ` ${t("unknownStatusCount", { count: data.data.unknownStatus })}` : ""}{data.data.ambiguousStudent ? ` ${t("ambiguousStudentCount", { count: data.data.ambiguousStudent })}` : ""}</p>
            <p className="text-slate-700">{tList("age", { seconds: data.data.ageSeconds })}</p>
            {refreshButton}
            <button type="button" onClick={exportCsv} className="rounded border border-slate-500 px-2 py-0.5">{tList("export")}</button>
          </div>
          {data.data.invalid.count > 0 ? <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">{tList("invalid", { count: data.data.invalid.count, paths: Object.keys(data.data.invalid.paths).join(", ") })}</p> : null}
          <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
            <caption className="sr-only">{t("title")}</caption>
            <thead className="bg-slate-100"><tr>{(["colStudent", "colType", "colOffering", "colYear", "colPeriod", "colBegin", "colEnd", "colStatus"] as const).map((c) => <th key={c} scope="col" className="p-2">{t(c)}</th>)}<th scope="col" className="p-2">{t("colEnrolledOn", { date: data.data.today })}</th></tr></thead>
            <tbody>
              {data.data.rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-200">
                  <td className="p-2">{r.studentName ? <Link href={`/leerlingen/${r.studentKey}`} className="text-blue-800 underline underline-offset-2">{r.studentName}</Link> : "—"}</td>
                  <td className="p-2">{r.type === "study" ? t("study") : r.type === "subject" ? t("subject") : r.type}</td>
                  <td className="p-2 font-mono text-xs">{r.offering}</td>
                  <td className="p-2">{r.studyYear ?? "—"}</td>
                  <td className="p-2">{r.schoolPeriod}</td>
                  <td className="p-2 tabular-nums">{r.beginDate}</td>
                  <td className="p-2 tabular-nums">{r.endDate ?? "—"}</td>
                  <td className="p-2">{statusWord(t, r.status)}</td>
                  <td className="p-2"><EnrolledNowCell t={t} state={r.enrolledNow} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav aria-label={t("page", { page, pages })} className="flex items-center gap-3 text-sm">
            <button type="button" disabled={page <= 1} onClick={() => set({ page: String(page - 1) })} aria-label={t("previous")} className="rounded border border-slate-500 px-2 py-1 disabled:opacity-50">←</button>
            <span>{page} / {pages}</span>
            <button type="button" disabled={page >= pages} onClick={() => set({ page: String(page + 1) })} aria-label={t("next")} className="rounded border border-slate-500 px-2 py-1 disabled:opacity-50">→</button>
          </nav>
        </>
      ) : null}
    </div>
  );
}
