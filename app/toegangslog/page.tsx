import { can, schoolsOf } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import { DATA_KINDS, listAccess, type DataKind } from "@/lib/db/access-log";
import { getStore } from "@/lib/db/client";
import { loadSourcesConfig } from "@/lib/eduv/sources-config";

export const dynamic = "force-dynamic";

const KIND: Record<string, string> = { students: "Leerlingen", enrollments: "Inschrijvingen", assignments: "Toewijzingen", usage: "Licentiegebruik", consent: "Toestemming", accesslog: "Toegangslog" };

const day = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined);

export default async function AccessLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff } = await requirePermission("accesslog.read");
  const params = await searchParams;
  const audited = schoolsOf(staff).filter((id) => can(staff, "accesslog.read", id));
  // Filters hold no personal data: a kind of data, a staff member's e-mail, dates.
  const dataKind = DATA_KINDS.includes(params.soort as DataKind) ? (params.soort as DataKind) : undefined;
  const actor = typeof params.medewerker === "string" && params.medewerker.trim() ? params.medewerker.trim().toLowerCase() : undefined;
  const from = day(params.van);
  const until = day(params.tot);
  const { db } = await getStore();
  const rows = await listAccess(db, {
    schoolIds: audited, dataKind, actor, limit: 200,
    from: from ? new Date(`${from}T00:00:00Z`) : undefined,
    until: until ? new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000) : undefined,
  });
  const names = new Map(loadSourcesConfig().schools.map((s) => [s.id, s.name]));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Toegangslog</h1>
      <p className="max-w-3xl text-slate-700">
        Elke inzage in persoonsgegevens via het dashboard: wie, wanneer, welke school, welk soort gegevens en hoeveel
        personen. Bij inzage in één persoon staat een versleutelde verwijzing, nooit het kenmerk zelf. Regels kunnen niet
        worden gewijzigd of verwijderd.
      </p>
      <form method="get" className="flex flex-wrap items-end gap-4 rounded border border-slate-300 bg-white p-4 text-sm">
        <div>
          <label htmlFor="soort" className="block">Gegevens</label>
          <select id="soort" name="soort" defaultValue={dataKind ?? ""} className="rounded border border-slate-500 px-2 py-1">
            <option value="">Alle</option>
            {DATA_KINDS.map((k) => <option key={k} value={k}>{KIND[k] ?? k}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="medewerker" className="block">Medewerker (e-mail)</label>
          <input id="medewerker" name="medewerker" defaultValue={actor ?? ""} className="rounded border border-slate-500 px-2 py-1" />
        </div>
        <div>
          <label htmlFor="van" className="block">Van</label>
          <input id="van" name="van" type="date" defaultValue={from ?? ""} className="rounded border border-slate-500 px-2 py-1" />
        </div>
        <div>
          <label htmlFor="tot" className="block">Tot en met</label>
          <input id="tot" name="tot" type="date" defaultValue={until ?? ""} className="rounded border border-slate-500 px-2 py-1" />
        </div>
        <button type="submit" className="rounded bg-blue-800 px-3 py-1.5 text-white">Filteren</button>
      </form>
      {rows.length === 0 ? (
        <p>Geen inzages gevonden voor uw scholen{dataKind || actor || from || until ? " met deze filters" : ""}.</p>
      ) : (
        <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
          <caption className="sr-only">Laatste 200 inzages</caption>
          <thead className="bg-slate-100">
            <tr>{["Tijdstip", "Medewerker", "Rollen", "School", "Gegevens", "Handeling", "Personen"].map((h) => <th key={h} scope="col" className="p-3">{h}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-200">
                <td className="p-3 tabular-nums">{r.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td className="p-3">{r.actor}</td>
                <td className="p-3">{r.actorRoles}</td>
                <td className="p-3">{names.get(r.schoolId) ?? r.schoolId}</td>
                <td className="p-3">{KIND[r.dataKind] ?? r.dataKind}</td>
                <td className="p-3">{r.action}</td>
                <td className="p-3 tabular-nums">{r.personCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
