import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Suspense } from "react";
import { pageTitle } from "@/components/shell/page-title";
import { Skeleton } from "@/components/ui/skeleton";
import { ClassCoverage } from "@/components/usage/class-coverage";
import { PersonUsage } from "@/components/usage/person-usage";
import { readForPage } from "@/lib/api/page-read";
import { requirePermission } from "@/lib/auth/require";
import type { StaffSession } from "@/lib/auth/staff";
import { readUsageOptions } from "@/lib/features/usage/usage-options";
import { localeOf } from "@/lib/i18n/locale";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("usage"));
}

type Search = Promise<{ studentKey?: string; view?: string }>;

/**
 * The Licentiegebruik page: one person's usage, or a group's coverage. Its forms come with the first
 * load; the coverage view's offerings are read on the server (as GET /api/usage/options reads them)
 * and streamed under a skeleton. What needs react-query loads in the browser once it is asked for.
 */
export default async function UsagePage({ searchParams }: { searchParams: Search }) {
  const { staff, schoolId } = await requirePermission("usage.read");
  const t = await getTranslations("usage");
  const { studentKey: asked, view } = await searchParams;
  // Only an opaque student key may arrive in the URL (from the student page); anything else is ignored.
  const studentKey = asked && /^[0-9a-f]{32}$/.test(asked) ? asked : undefined;
  const coverage = view === "coverage";
  const tab = (active: boolean) =>
    `rounded-t border border-b-0 px-3 py-1 ${active ? "border-slate-400 bg-white font-semibold" : "border-transparent text-blue-800 underline underline-offset-2"}`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      <nav aria-label={t("views")} className="border-b border-slate-400">
        <ul className="flex gap-1 text-sm">
          <li>
            <Link href="/licentiegebruik" className={tab(!coverage)} aria-current={!coverage ? "page" : undefined}>
              {t("tabPerson")}
            </Link>
          </li>
          <li>
            <Link href="/licentiegebruik?view=coverage" className={tab(coverage)} aria-current={coverage ? "page" : undefined}>
              {t("tabCoverage")}
            </Link>
          </li>
        </ul>
      </nav>
      {coverage ? (
        <Suspense fallback={<Skeleton label={t("optionsLoading")} rows={2} />}>
          <Coverage staff={staff} schoolId={schoolId} />
        </Suspense>
      ) : (
        <PersonUsage key={studentKey ?? "none"} initialStudentKey={studentKey} />
      )}
    </div>
  );
}

/** The coverage view with the school's offerings, or with the error answer the route would have sent for them. */
async function Coverage({ staff, schoolId }: { staff: StaffSession; schoolId: string }) {
  const lang = localeOf(await getLocale());
  const read = await readForPage({ staff, schoolId, lang }, async () => ({ value: await readUsageOptions(schoolId) }));
  return <ClassCoverage options={read} />;
}
