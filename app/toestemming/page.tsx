import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { can, schoolsOf } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import { loadSourcesConfig } from "@/lib/sources/config";
import { ConsentPage } from "@/components/consent/consent-page";
import { pageTitle } from "@/components/shell/page-title";
import { PageHeader } from "@/components/ui/page-header";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("consent"));
}

export default async function ConsentRequestsPage() {
  const { staff, schoolId } = await requirePermission("consent.read");
  const t = await getTranslations("consent");
  const names = new Map(loadSourcesConfig().schools.map((s) => [s.id, s.name]));
  // The form offers only the schools where this person may ask for consent; the BFF checks again.
  const writable = schoolsOf(staff)
    .filter((id) => can(staff, "consent.write", id))
    .map((id) => ({ id, name: names.get(id) ?? id }));
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <Suspense>
        <ConsentPage school={{ id: schoolId, name: names.get(schoolId) ?? schoolId }} writable={writable} />
      </Suspense>
    </div>
  );
}
