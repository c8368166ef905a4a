import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { EmployeeLookup } from "@/components/employees/employee-lookup";
import { pageTitle } from "@/components/shell/page-title";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { readForPage } from "@/lib/api/page-read";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import type { StaffSession } from "@/lib/auth/staff";
import { readKnownEmployees } from "@/lib/features/employees/known-employees";
import { readEnrollmentOptions } from "@/lib/features/enrollments/enrollments";
import { localeOf } from "@/lib/i18n/locale";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("employees"));
}

/**
 * The Medewerkers page: its header at once, then the lookup with what the server reads for it (the
 * school's list and the filter's periods) under a skeleton. An employee's assignments are looked up
 * in the browser, by code that comes only when someone is picked.
 */
export default async function EmployeesPage() {
  const { staff, schoolId } = await requirePermission("assignments.read");
  const t = await getTranslations("employees");
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("intro")} />
      <Suspense fallback={<Skeleton label={t("loadingKnown")} rows={4} />}>
        <Lookup staff={staff} schoolId={schoolId} />
      </Suspense>
    </div>
  );
}

/**
 * The lookup with the school's list, read as GET /api/employees reads it (logged as that route logs
 * it; a failure as its error answer, which the list shows), and, for whom may read enrollments, the
 * periods the filter offers, read as GET /api/enrollments/options reads them (no one named, nothing
 * logged). Periods that could not be read leave the filter without them, as they did when the
 * browser asked for them; the lookup says what is wrong with the Source when it is used.
 */
async function Lookup({ staff, schoolId }: { staff: StaffSession; schoolId: string }) {
  const who = { staff, schoolId, lang: localeOf(await getLocale()) };
  const [known, options] = await Promise.all([
    readForPage(who, () => readKnownEmployees(schoolId)),
    can(staff, "enrollments.read", schoolId) ? readForPage(who, async () => ({ value: await readEnrollmentOptions(schoolId) })) : null,
  ]);
  return (
    <EmployeeLookup
      known={known}
      periods={options?.ok ? options.value.periods : undefined}
      canChangeList={can(staff, "employees.write", schoolId)}
    />
  );
}
