import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import { QueryProvider } from "@/components/shell/query-provider";
import { StudentsTable } from "@/components/students/students-table";
import { pageTitle } from "@/components/shell/page-title";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("students"));
}

export default async function StudentsPage() {
  const { staff, schoolId } = await requirePermission("students.read");
  const t = await getTranslations("students");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <QueryProvider>
        <Suspense>
          <StudentsTable canFilter={can(staff, "enrollments.read", schoolId)} />
        </Suspense>
      </QueryProvider>
    </div>
  );
}
