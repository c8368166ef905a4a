import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/require";
import { ClassCoverage } from "@/components/usage/class-coverage";
import { PersonUsage } from "@/components/usage/person-usage";
import { pageTitle } from "@/components/shell/page-title";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("usage"));
}

type Search = Promise<{ studentKey?: string; view?: string }>;

export default async function UsagePage({ searchParams }: { searchParams: Search }) {
  await requirePermission("usage.read");
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
      {coverage ? <ClassCoverage /> : <PersonUsage key={studentKey ?? "none"} initialStudentKey={studentKey} />}
    </div>
  );
}
