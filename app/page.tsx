import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { can, rolesAt } from "@/lib/auth/permissions";
import { currentSchoolId } from "@/lib/auth/school";
import { getStaff } from "@/lib/auth/session";
import { loadSourcesConfig } from "@/lib/sources/config";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const staff = await getStaff();
  if (!staff) redirect("/inloggen");
  const schoolId = await currentSchoolId();
  if (!schoolId) redirect("/geen-toegang");
  const [t, tNav, tRoles] = await Promise.all([getTranslations("home"), getTranslations("nav"), getTranslations("roles")]);
  const school = loadSourcesConfig().schools.find((s) => s.id === schoolId);
  const items = NAV_ITEMS.filter((item) => can(staff, item.action, schoolId));
  const roles = rolesAt(staff, schoolId).map((r) => tRoles(r)).join(t("and"));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{staff.name ? t("welcomeName", { name: staff.name }) : t("welcome")}</h1>
      <p>{t("workingFor", { school: school?.name ?? schoolId, roles })}</p>
      <ul className="list-disc pl-6">
        {items.map((item) => <li key={item.href}><Link className="text-blue-800 underline" href={item.href}>{tNav(item.key)}</Link></li>)}
      </ul>
    </div>
  );
}
