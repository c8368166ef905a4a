import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { EnrollmentFilterBar } from "@/components/enrollments/enrollment-filter-bar";
import { enrollmentsUrl, queryOf, readEnrollmentParams, type EnrollmentFilterValues } from "@/components/enrollments/enrollment-params";
import { EnrollmentsView } from "@/components/enrollments/enrollments-view";
import { apiErrorOf } from "@/components/lists/api-error";
import { pageTitle } from "@/components/shell/page-title";
import { link } from "@/components/ui/classes";
import { ServerRefresh } from "@/components/ui/server-refresh";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { apiError } from "@/lib/api/errors";
import { readForPage } from "@/lib/api/page-read";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import type { StaffSession } from "@/lib/auth/staff";
import { enrollmentsList } from "@/lib/contracts/enrollments";
import { readEnrollmentPage } from "@/lib/features/enrollments/enrollment-page";
import { readEnrollmentOptions } from "@/lib/features/enrollments/enrollments";
import { localeOf } from "@/lib/i18n/locale";
import { MassChangeOnList } from "@/app/_components/mass-change";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("enrollments"));
}

type Params = Promise<Record<string, string | string[] | undefined>>;

/**
 * The Inschrijvingen page: its filters and one page of the school's enrollments, read on the server
 * from the URL's filters as GET /api/enrollments reads them (the same limits and access-log row) and
 * streamed under a skeleton; the browser gets the filters, the refresh and the export.
 */
export default async function EnrollmentsPage({ searchParams }: { searchParams: Params }) {
  const { staff, schoolId } = await requirePermission("enrollments.read");
  const t = await getTranslations("enrollments");
  const values = readEnrollmentParams(await searchParams);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Suspense fallback={<Skeleton label={t("loading")} rows={6} />}>
        <Enrollments staff={staff} schoolId={schoolId} values={values} />
      </Suspense>
    </div>
  );
}

async function Enrollments({ staff, schoolId, values }: { staff: StaffSession; schoolId: string; values: EnrollmentFilterValues }) {
  const t = await getTranslations("enrollments");
  const tList = await getTranslations("students");
  const lang = localeOf(await getLocale());
  const who = { staff, schoolId, lang };
  const parsed = enrollmentsList.query!.safeParse(queryOf(values));
  const [list, options] = await Promise.all([
    parsed.success
      ? readForPage(who, () => readEnrollmentPage(schoolId, parsed.data, { names: can(staff, "students.read", schoolId) }))
      : null,
    readForPage(who, async () => ({ value: await readEnrollmentOptions(schoolId) })),
  ]);
  return (
    <div className="space-y-4">
      <EnrollmentFilterBar options={options.ok ? options.value : undefined} />
      {options.ok ? null : <p className="text-sm text-slate-700">{tList("filtersUnavailable")}</p>}
      <MassChangeOnList schoolId={schoolId} lists={["enrollments", "students"]} />
      {!list ? (
        // A filter the route would refuse (made by hand in the URL): why, and the way back to the whole list.
        <div className="space-y-2">
          <ErrorNotice error={apiErrorOf(400, await apiError("invalid_input", lang).json())} title={t("error")} />
          <Link href="/inschrijvingen" className={link}>
            {t("clearFilters")}
          </Link>
        </div>
      ) : list.ok ? (
        <EnrollmentsView d={list.value} values={values} />
      ) : (
        <div className="space-y-2">
          <ErrorNotice error={apiErrorOf(list.status, list.body)} title={t("error")} />
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <ServerRefresh url={enrollmentsUrl(queryOf(values), true)} failedTitle={t("error")} />
          </div>
        </div>
      )}
    </div>
  );
}
