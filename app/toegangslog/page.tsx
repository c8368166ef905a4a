import { can, schoolsOf } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import { listAccess } from "@/lib/db/access-log";
import { getStore } from "@/lib/db/client";
import { loadSourcesConfig } from "@/lib/eduv/sources-config";

export const dynamic = "force-dynamic";

const KIND: Record<string, string> = { students: "Leerlingen", enrollments: "Inschrijvingen", assignments: "Toewijzingen", usage: "Licentiegebruik", consent: "Toestemming", accesslog: "Toegangslog" };

export default async function AccessLogPage() {
  const { staff } = await requirePermission("accesslog.read");
  const audited = schoolsOf(staff).filter((id) => can(staff, "accesslog.read", id));
  const { db } = await getStore();
  const rows = await listAccess(db, { schoolIds: audited, limit: 200 });
  const names = new Map(loadSourcesConfig().schools.map((s) => [s.id, s.name]));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Toegangslog</h1>
      <p className="max-w-3xl text-slate-700">
        Elke inzage in persoonsgegevens via het dashboard: wie, wanneer, welke school, welk soort gegevens en hoeveel
        personen. Bij inzage in één persoon staat een versleutelde verwijzing, nooit het kenmerk zelf. Regels kunnen niet
        worden gewijzigd of verwijderd.
      </p>
      {rows.length === 0 ? (
        <p>Nog geen inzages vastgelegd voor uw scholen.</p>
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
