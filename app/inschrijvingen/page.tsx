import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { requirePermission } from "@/lib/auth/require";
import { EnrollmentsTable } from "@/components/enrollments/enrollments-table";
import { pageTitle } from "@/components/shell/page-title";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("enrollments"));
}

export default async function EnrollmentsPage() {
  await requirePermission("enrollments.read");
  const t = await getTranslations("enrollments");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Suspense>
        <EnrollmentsTable />
      </Suspense>
    </div>
  );
}
