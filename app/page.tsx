import Link from "next/link";
import { redirect } from "next/navigation";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { can, rolesAt } from "@/lib/auth/permissions";
import { currentSchoolId } from "@/lib/auth/school";
import { getStaff } from "@/lib/auth/session";
import { loadSourcesConfig } from "@/lib/eduv/sources-config";

export const dynamic = "force-dynamic";

const ROLE_LABEL: Record<string, string> = { schooladmin: "schoolbeheerder", support: "supportdesk", consent: "toestemmingsbeheerder", auditor: "auditor" };

export default async function HomePage() {
  const staff = await getStaff();
  if (!staff) redirect("/inloggen");
  const schoolId = await currentSchoolId();
  if (!schoolId) redirect("/geen-toegang");
  const school = loadSourcesConfig().schools.find((s) => s.id === schoolId);
  const items = NAV_ITEMS.filter((item) => can(staff, item.action, schoolId));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Welkom{staff.name ? `, ${staff.name}` : ""}</h1>
      <p>
        U werkt nu voor <strong>{school?.name ?? schoolId}</strong> als {rolesAt(staff, schoolId).map((r) => ROLE_LABEL[r] ?? r).join(" en ")}.
      </p>
      <ul className="list-disc pl-6">
        {items.map((item) => <li key={item.href}><Link className="text-blue-800 underline" href={item.href}>{item.label}</Link></li>)}
      </ul>
    </div>
  );
}
