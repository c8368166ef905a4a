import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can, schoolsOf } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import { ACCESS_ACTIONS, ACCESS_OUTCOMES, DATA_KINDS, listAccess, type AccessAction, type AccessOutcome, type DataKind } from "@/lib/db/access-log";
import { getStore } from "@/lib/db/client";
import { loadSourcesConfig } from "@/lib/sources/config";
import { pageTitle } from "@/components/shell/page-title";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("accesslog"));
}

const day = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined);

export default async function AccessLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff } = await requirePermission("accesslog.read");
  const params = await searchParams;
  const t = await getTranslations("accessLog");
  const kindLabel = (k: string) => ((DATA_KINDS as readonly string[]).includes(k) ? t(`kinds.${k as DataKind}`) : k);
  const actionLabel = (a: string) => ((ACCESS_ACTIONS as readonly string[]).includes(a) ? t(`actions.${a as AccessAction}`) : a);
  const outcomeLabel = (o: string) => ((ACCESS_OUTCOMES as readonly string[]).includes(o) ? t(`outcomes.${o as AccessOutcome}`) : o);
  const audited = schoolsOf(staff).filter((id) => can(staff, "accesslog.read", id));
  // Filters hold no personal data: a kind of data, an outcome, a staff member's e-mail, dates; named as GET /api/access-log names them.
  const dataKind = DATA_KINDS.includes(params.dataKind as DataKind) ? (params.dataKind as DataKind) : undefined;
  const outcome = ACCESS_OUTCOMES.includes(params.outcome as AccessOutcome) ? (params.outcome as AccessOutcome) : undefined;
  const actor = typeof params.actor === "string" && params.actor.trim() ? params.actor.trim().toLowerCase() : undefined;
  const from = day(params.from);
  const until = day(params.until);
  const { db } = await getStore();
  const rows = await listAccess(db, {
    schoolIds: audited, dataKind, outcome, actor, limit: 200,
    from: from ? new Date(`${from}T00:00:00Z`) : undefined,
    until: until ? new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000) : undefined,
  });
  const names = new Map(loadSourcesConfig().schools.map((s) => [s.id, s.name]));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-slate-700">
        {t("intro")}
      </p>
      <form method="get" className="flex flex-wrap items-end gap-4 rounded border border-slate-300 bg-white p-4 text-sm">
        <div>
          <label htmlFor="dataKind" className="block">{t("kind")}</label>
          <select id="dataKind" name="dataKind" defaultValue={dataKind ?? ""} className="rounded border border-slate-500 px-2 py-1">
            <option value="">{t("all")}</option>
            {DATA_KINDS.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="outcome" className="block">{t("outcome")}</label>
          <select id="outcome" name="outcome" defaultValue={outcome ?? ""} className="rounded border border-slate-500 px-2 py-1">
            <option value="">{t("all")}</option>
            {ACCESS_OUTCOMES.map((o) => <option key={o} value={o}>{outcomeLabel(o)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="actor" className="block">{t("actor")}</label>
          <input id="actor" name="actor" defaultValue={actor ?? ""} className="rounded border border-slate-500 px-2 py-1" />
        </div>
        <div>
          <label htmlFor="from" className="block">{t("from")}</label>
          <input id="from" name="from" type="date" defaultValue={from ?? ""} className="rounded border border-slate-500 px-2 py-1" />
        </div>
        <div>
          <label htmlFor="until" className="block">{t("until")}</label>
          <input id="until" name="until" type="date" defaultValue={until ?? ""} className="rounded border border-slate-500 px-2 py-1" />
        </div>
        <button type="submit" className="rounded bg-blue-800 px-3 py-1.5 text-white">{t("filter")}</button>
      </form>
      {rows.length === 0 ? (
        <p>{dataKind || outcome || actor || from || until ? t("noneFiltered") : t("none")}</p>
      ) : (
        <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="bg-slate-100">
            <tr>{(["colAt", "colActor", "colRoles", "colSchool", "colKind", "colAction", "colCount", "colOutcome"] as const).map((h) => <th key={h} scope="col" className="p-3">{t(h)}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-200" data-outcome={r.outcome}>
                <td className="p-3 tabular-nums">{r.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td className="p-3">{r.actor}</td>
                <td className="p-3">{r.actorRoles}</td>
                <td className="p-3">{names.get(r.schoolId) ?? r.schoolId}</td>
                <td className="p-3">{kindLabel(r.dataKind)}</td>
                <td className="p-3">{actionLabel(r.action)}</td>
                <td className="p-3 tabular-nums">{r.personCount}</td>
                <td className={r.outcome === "refused" ? "p-3 font-semibold text-red-900" : "p-3"}>{outcomeLabel(r.outcome)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
