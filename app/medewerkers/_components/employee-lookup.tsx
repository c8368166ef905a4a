"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { downloadPost, getJson, postJson, useEnrollmentOptions } from "@/components/lists/api";

const ID_TYPES = ["NEPRI", "ASI", "BPI", "eduID", "NEPPI"] as const;
type Known = { key: string; name: string; maskedId: string };
type Row = { id: string; type: string; group?: string; subject?: string; studentKey?: string; studentName?: string; schoolPeriod: string; beginDate: string; endDate?: string; status: string };
type Answer = {
  employee: { key: string; name?: string; maskedId: string; known: boolean };
  total: number; toBeDeleted: number; rows: Row[]; ageSeconds: number; invalid: { count: number; paths: Record<string, number> };
};
/** Who to ask about: an identifier typed in (kept in memory only) or an employee from the school's list (opaque key). */
type Who = { employee: { userIdType: string; userId: string } } | { employeeKey: string };

/** `canChangeList`: the staff member may add, rename and remove employees on the school's list (employees.write). */
export function EmployeeLookup({ canChangeList }: { canChangeList: boolean }) {
  const t = useTranslations("employees");
  const tList = useTranslations("students");
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const url = useSearchParams();
  // Type and period are in the URL (no personal data); the employee never is.
  const assignmentType = url.get("assignmentType") ?? "";
  const schoolPeriodId = url.get("schoolPeriodId") ?? "";
  const includeToBeDeleted = url.get("includeToBeDeleted") === "1";
  const setUrl = (changes: Record<string, string>) => {
    const next = new URLSearchParams(url);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };
  const [idType, setIdType] = useState<string>("NEPRI");
  const [idValue, setIdValue] = useState("");
  const [who, setWho] = useState<Who | null>(null);
  const [saveName, setSaveName] = useState("");
  const [notice, setNotice] = useState<string | null>(null);

  const known = useQuery({ queryKey: ["employees"], queryFn: () => getJson<{ employees: Known[] }>("/api/employees"), retry: false });
  const options = useEnrollmentOptions();
  const filters = { assignmentType: assignmentType || undefined, schoolPeriodId: schoolPeriodId || undefined, includeToBeDeleted };
  // The cache key holds the opaque key or a marker, never the typed identifier.
  const lookupKey = ["assignments", who && "employeeKey" in who ? who.employeeKey : who ? "typed" : null, filters, who && "employee" in who ? idType : null];
  const lookup = useQuery({
    queryKey: lookupKey,
    queryFn: () => postJson<Answer>("/api/employees/assignments", { ...who, ...filters }),
    enabled: who !== null,
    retry: false,
    gcTime: 0,
  });
  const save = useMutation({
    mutationFn: (body: { employee: { userIdType: string; userId: string }; name: string }) => postJson<{ key: string }>("/api/employees", body),
    onSuccess: async () => {
      setSaveName("");
      await queryClient.invalidateQueries({ queryKey: ["employees"] });
      await lookup.refetch();
    },
  });
  const remove = useMutation({
    mutationFn: (key: string) => postJson("/api/employees/remove", { key }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["employees"] });
      await lookup.refetch();
    },
  });
  const exportCsv = async () => {
    if (!who) return;
    const failed = await downloadPost("/api/employees/assignments/export", { ...who, ...filters }, "toewijzingen.csv");
    setNotice(failed ? `${tList("exportFailed")}: ${failed}` : null);
  };
  // Asks the Source again; a failed refresh keeps the assignments shown and says why.
  const refresh = async () => {
    try {
      const fresh = await postJson<Answer>("/api/employees/assignments", { ...who, ...filters, refresh: true });
      queryClient.setQueryData(lookupKey, fresh);
      setNotice(null);
    } catch (err) {
      setNotice((err as Error).message);
    }
  };
  const typeLabel = (type: string) => (["class-teacher", "teacher", "coach"].includes(type) ? t(`type.${type}` as "type.teacher") : type);
  const data = lookup.data;

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-2">
        <form
          className="space-y-3 rounded border border-slate-300 bg-white p-4 text-sm"
          aria-labelledby="by-identifier-heading"
          onSubmit={(e) => {
            e.preventDefault();
            if (idValue.trim()) setWho({ employee: { userIdType: idType, userId: idValue.trim() } });
          }}
        >
          <h2 id="by-identifier-heading" className="text-lg font-semibold">{t("byIdentifier")}</h2>
          <div className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="id-type" className="block">{t("idType")}</label>
              <select id="id-type" value={idType} onChange={(e) => setIdType(e.target.value)} className="rounded border border-slate-500 px-2 py-1">
                {ID_TYPES.map((x) => <option key={x} value={x}>{x}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="id-value" className="block">{t("idValue")}</label>
              <input id="id-value" value={idValue} onChange={(e) => setIdValue(e.target.value)} autoComplete="off" spellCheck={false} required maxLength={256} className="w-72 rounded border border-slate-500 px-2 py-1" />
            </div>
            <button type="submit" className="rounded border border-slate-700 bg-slate-800 px-3 py-1 text-white">{t("lookup")}</button>
          </div>
          <p className="text-slate-700">{t("privacy")}</p>
        </form>

        <section aria-labelledby="known-heading" className="space-y-2 rounded border border-slate-300 bg-white p-4 text-sm">
          <h2 id="known-heading" className="text-lg font-semibold">{t("knownTitle")}</h2>
          {known.isPending ? <p role="status">{t("loadingKnown")}</p> : known.isError ? <p role="alert">{(known.error as Error).message}</p> : known.data.employees.length === 0 ? <p>{t("knownEmpty")}</p> : (
            <div className="flex flex-wrap items-end gap-3">
              <div>
                <label htmlFor="known-employee" className="block">{t("knownPick", { count: known.data.employees.length })}</label>
                <select id="known-employee" defaultValue="" onChange={(e) => { if (e.target.value) setWho({ employeeKey: e.target.value }); }} className="max-w-80 rounded border border-slate-500 px-2 py-1">
                  <option value="">{t("choose")}</option>
                  {known.data.employees.map((e) => <option key={e.key} value={e.key}>{e.name} ({e.maskedId})</option>)}
                </select>
              </div>
            </div>
          )}
        </section>
      </div>

      <div className="flex flex-wrap items-end gap-4 text-sm">
        <div>
          <label htmlFor="f-type" className="block">{t("filterType")}</label>
          <select id="f-type" value={assignmentType} onChange={(e) => setUrl({ assignmentType: e.target.value })} className="rounded border border-slate-500 px-2 py-1">
            <option value="">{tList("all")}</option>
            {(["class-teacher", "teacher", "coach"] as const).map((x) => <option key={x} value={x}>{typeLabel(x)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-period" className="block">{tList("filterPeriod")}</label>
          <select id="f-period" value={schoolPeriodId} onChange={(e) => setUrl({ schoolPeriodId: e.target.value })} className="rounded border border-slate-500 px-2 py-1">
            <option value="">{tList("all")}</option>
            {options.data?.periods.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </div>
        <label className="inline-flex items-center gap-1">
          <input type="checkbox" checked={includeToBeDeleted} onChange={(e) => setUrl({ includeToBeDeleted: e.target.checked ? "1" : "" })} />
          {t("showDeleted")}
        </label>
      </div>

      {notice ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">{notice}</p> : null}
      {who === null ? <p className="text-slate-700">{t("nothingYet")}</p> : lookup.isPending ? (
        <div role="status" aria-live="polite" className="space-y-2">
          <p>{t("loading")}</p>
          {Array.from({ length: 4 }, (_, i) => <div key={i} className="h-8 animate-pulse rounded bg-slate-200" />)}
        </div>
      ) : lookup.isError ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-red-900">
          <p className="font-semibold">{t("error")}</p>
          <p>{(lookup.error as Error).message}</p>
        </div>
      ) : data ? (
        <section aria-labelledby="result-heading" className="space-y-3">
          <h2 id="result-heading" className="text-lg font-semibold">{data.employee.name ?? t("unnamed")} <span className="font-mono text-sm font-normal">{data.employee.maskedId}</span></h2>
          {!canChangeList ? null : !data.employee.known && who && "employee" in who ? (
            <form className="flex flex-wrap items-end gap-3 text-sm" onSubmit={(e) => { e.preventDefault(); if (saveName.trim()) save.mutate({ employee: who.employee, name: saveName.trim() }); }}>
              <div>
                <label htmlFor="save-name" className="block">{t("saveName")}</label>
                <input id="save-name" value={saveName} onChange={(e) => setSaveName(e.target.value)} required maxLength={200} className="rounded border border-slate-500 px-2 py-1" />
              </div>
              <button type="submit" disabled={save.isPending} className="rounded border border-slate-500 px-2 py-1">{t("save")}</button>
              {save.isError ? <p role="alert" className="text-red-900">{(save.error as Error).message}</p> : null}
            </form>
          ) : data.employee.known ? (
            <p className="text-sm">{t("onList")} <button type="button" onClick={() => remove.mutate(data.employee.key)} className="rounded border border-slate-500 px-2 py-0.5">{t("removeFromList")}</button></p>
          ) : null}
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <p role="status">{t("count", { total: data.total })}{!includeToBeDeleted && data.toBeDeleted ? ` ${t("hiddenDeleted", { count: data.toBeDeleted })}` : ""}</p>
            <p className="text-slate-700">{tList("age", { seconds: data.ageSeconds })}</p>
            <button type="button" onClick={refresh} className="rounded border border-slate-500 px-2 py-0.5">{tList("refresh")}</button>
            <button type="button" onClick={exportCsv} className="rounded border border-slate-500 px-2 py-0.5">{tList("export")}</button>
          </div>
          {data.invalid.count > 0 ? <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">{tList("invalid", { count: data.invalid.count, paths: Object.keys(data.invalid.paths).join(", ") })}</p> : null}
          {data.total === 0 ? <p>{t("none")}</p> : (
            <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
              <caption className="sr-only">{t("tableCaption")}</caption>
              <thead className="bg-slate-100"><tr>{[t("colType"), t("colGroup"), t("colSubject"), t("colStudent"), tList("filterPeriod"), t("colBegin"), t("colEnd"), t("colStatus")].map((h) => <th key={h} scope="col" className="p-2">{h}</th>)}</tr></thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.id} className="border-t border-slate-200">
                    <td className="p-2">{typeLabel(r.type)}</td>
                    <td className="p-2 font-mono text-xs">{r.group ?? "—"}</td>
                    <td className="p-2 font-mono text-xs">{r.subject ?? "—"}</td>
                    <td className="p-2">{r.studentKey ? (r.studentName ? <Link href={`/leerlingen/${r.studentKey}`} className="text-blue-800 underline underline-offset-2">{r.studentName}</Link> : t("studentUnknown")) : "—"}</td>
                    <td className="p-2">{r.schoolPeriod}</td>
                    <td className="p-2 tabular-nums">{r.beginDate}</td>
                    <td className="p-2 tabular-nums">{r.endDate ?? "—"}</td>
                    <td className="p-2">{r.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </div>
  );
}
