import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import { EmployeeLookup } from "@/components/employees/employee-lookup";
import { pageTitle } from "@/components/shell/page-title";
import { PageHeader } from "@/components/ui/page-header";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("employees"));
}

export default async function EmployeesPage() {
  const { staff, schoolId } = await requirePermission("assignments.read");
  const t = await getTranslations("employees");
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("intro")} />
      <Suspense>
        <EmployeeLookup canChangeList={can(staff, "employees.write", schoolId)} />
      </Suspense>
    </div>
  );
}
