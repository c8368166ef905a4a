import { Suspense } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { chooseSchoolAction } from "@/lib/auth/actions";
import { can, schoolsOf } from "@/lib/auth/permissions";
import { currentSchoolId } from "@/lib/auth/school";
import { getStaff } from "@/lib/auth/session";
import { loadSourcesConfig } from "@/lib/sources/config";
import { setLanguageAction } from "@/lib/i18n/actions";
import { BackField } from "./back-field";
import { SignOutForm } from "./sign-out-form";

const button = "rounded border border-slate-500 px-2 py-1";

/** Header with navigation, school switcher, language and sign-out; all of it decided on the server. */
export async function Header() {
  const t = await getTranslations("shell");
  const tNav = await getTranslations("nav");
  const staff = await getStaff();
  const schoolId = await currentSchoolId();
  const names = new Map(loadSourcesConfig().schools.map((s) => [s.id, s.name]));
  const items = staff && schoolId ? NAV_ITEMS.filter((item) => can(staff, item.action, schoolId)) : [];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-6 py-4">
        <Link href="/" className="text-lg font-semibold text-slate-900">Leermiddelendashboard</Link>
        {items.length ? (
          <nav aria-label={t("mainNav")} className="flex-1">
            <ul className="flex flex-wrap gap-4 text-sm">
              {items.map((item) => <li key={item.href}><Link className="text-blue-800 underline-offset-4 hover:underline" href={item.href}>{tNav(item.key)}</Link></li>)}
            </ul>
          </nav>
        ) : <div className="flex-1" />}
        {staff && schoolsOf(staff).length ? (
          <form action={chooseSchoolAction} className="flex items-center gap-2 text-sm">
            <label htmlFor="school">{t("school")}</label>
            <select id="school" name="school" defaultValue={schoolId ?? undefined} className="rounded border border-slate-500 px-2 py-1">
              {schoolsOf(staff).map((id) => <option key={id} value={id}>{names.get(id) ?? id}</option>)}
            </select>
            <input type="hidden" name="back" value="/" />
            <button type="submit" className={button}>{t("switch")}</button>
          </form>
        ) : null}
        <form action={setLanguageAction} className="text-sm">
          <input type="hidden" name="lang" value={t("otherLanguageCode")} />
          <Suspense><BackField /></Suspense>
          <button type="submit" className={button} lang={t("otherLanguageCode")}>{t("otherLanguage")}</button>
        </form>
        {staff ? <SignOutForm who={staff.name ?? staff.email ?? ""} label={t("signOut")} /> : null}
      </div>
    </header>
  );
}
