import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import { loadSourcesConfig } from "@/lib/sources/config";
import { DataQualityPage } from "@/components/data-quality/data-quality-page";
import { pageTitle } from "@/components/shell/page-title";
import { PageHeader } from "@/components/ui/page-header";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("dataQuality"));
}

export default async function DataQualityRoute() {
  const { staff, schoolId } = await requirePermission("dataquality.read");
  const t = await getTranslations("dataQuality");
  const name = loadSourcesConfig().schools.find((s) => s.id === schoolId)?.name ?? schoolId;
  // A finding links to the pupil's page only for whom may open it (students.read); support reads the masked identifier.
  const pupilLinks = can(staff, "students.read", schoolId);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro", { school: name })} />
      <DataQualityPage school={{ id: schoolId, name }} pupilLinks={pupilLinks} />
    </div>
  );
}
