import { Suspense } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HeaderSearch } from "@/components/shell/header-search";
import { MainNav } from "@/components/shell/main-nav";
import { MenuDisclosure } from "@/components/shell/menu-disclosure";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { fieldControl } from "@/components/ui/classes";
import { NativeSelect } from "@/components/ui/native-select";
import { chooseSchoolAction } from "@/lib/auth/actions";
import { can, schoolsOf } from "@/lib/auth/permissions";
import { currentSchoolId } from "@/lib/auth/school";
import { getStaff } from "@/lib/auth/session";
import { loadSourcesConfig } from "@/lib/sources/config";
import { setLanguageAction } from "@/lib/i18n/actions";
import { BackField } from "./back-field";
import { SignOutForm } from "./sign-out-form";

const button = "rounded border border-slate-500 px-2 py-1";

/**
 * The shell: on wide screens (1,024 px and up) a left sidebar with the navigation one link per
 * line, then the school switcher, language and sign-out; on narrow ones a top bar whose menu
 * button opens the same panel. All of it decided on the server; the layout leaves the sidebar's
 * width free (lg:pl-64). Not printed: a printed page (a pupil's AVG record) is its content only.
 */
export async function Header() {
  const t = await getTranslations("shell");
  const tNav = await getTranslations("nav");
  const staff = await getStaff();
  const schoolId = await currentSchoolId();
  const names = new Map(loadSourcesConfig().schools.map((s) => [s.id, s.name]));
  const items = staff && schoolId ? NAV_ITEMS.filter((item) => can(staff, item.action, schoolId)) : [];
  // The search of pupils and employees: only for those who may read pupils or usage at this school.
  const mayFind = Boolean(staff && schoolId && can(staff, "people.search", schoolId));
  const brand = (
    <Link href="/" className="whitespace-nowrap text-lg font-semibold tracking-tight text-slate-900 lg:text-base">
      Leermiddelendashboard
    </Link>
  );
  return (
    <header className="border-b border-slate-200 bg-white lg:fixed lg:inset-y-0 lg:left-0 lg:w-64 lg:overflow-y-auto lg:border-b-0 lg:border-r print:hidden">
      <MenuDisclosure brand={brand} label={t("menu")} panelId="main-menu" collapsible={items.length > 0}>
        {mayFind ? <HeaderSearch /> : null}
        {items.length ? <MainNav label={t("mainNav")} links={items.map((item) => ({ href: item.href, label: tNav(item.key) }))} /> : null}
        <div className="space-y-4 text-sm">
          {staff && schoolsOf(staff).length ? (
            <form action={chooseSchoolAction} className="space-y-1">
              <label htmlFor="school" className="block">
                {t("school")}
              </label>
              <div className="flex items-center gap-2">
                <NativeSelect
                  id="school"
                  name="school"
                  defaultValue={schoolId ?? undefined}
                  className={`${fieldControl} min-w-0 flex-1`}
                  options={schoolsOf(staff).map((id) => ({ value: id, label: names.get(id) ?? id }))}
                />
                <input type="hidden" name="back" value="/" />
                <button type="submit" className={button}>
                  {t("switch")}
                </button>
              </div>
            </form>
          ) : null}
          <form action={setLanguageAction}>
            <input type="hidden" name="lang" value={t("otherLanguageCode")} />
            <Suspense>
              <BackField />
            </Suspense>
            <button type="submit" className={button} lang={t("otherLanguageCode")}>
              {t("otherLanguage")}
            </button>
          </form>
          {staff ? <SignOutForm who={staff.name ?? staff.email ?? ""} label={t("signOut")} /> : null}
        </div>
      </MenuDisclosure>
    </header>
  );
}
