import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can, schoolsOf } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import type { AccessLogEntry } from "@/lib/contracts/access-log";
import { listAccess } from "@/lib/db/access-log";
import { getStore } from "@/lib/db/client";
import { loadSourcesConfig } from "@/lib/sources/config";
import { AccessLogFilterForm } from "@/components/access-log/access-log-filters";
import { AccessLogTable } from "@/components/access-log/access-log-table";
import { isFiltered, readAccessLogFilters } from "@/components/access-log/filters";
import { pageTitle } from "@/components/shell/page-title";
import { PageHeader } from "@/components/ui/page-header";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("accesslog"));
}

const DAY_MS = 86_400_000;

export default async function AccessLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { staff, schoolId } = await requirePermission("accesslog.read");
  const filters = readAccessLogFilters(await searchParams);
  const t = await getTranslations("accessLog");
  const audited = schoolsOf(staff).filter((id) => can(staff, "accesslog.read", id));
  const { db } = await getStore();
  const rows = await listAccess(db, {
    schoolIds: audited,
    dataKind: filters.dataKind,
    outcome: filters.outcome,
    actor: filters.actor,
    limit: 200,
    from: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
    until: filters.until ? new Date(Date.parse(`${filters.until}T00:00:00Z`) + DAY_MS) : undefined,
  });
  // As GET /api/access-log answers them: the store keeps kind, action and outcome as the contract names them.
  const entries = rows.map((r) => ({ ...r, at: r.at.toISOString() })) as AccessLogEntry[];
  const schoolNames = Object.fromEntries(loadSourcesConfig().schools.map((s) => [s.id, s.name]));
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("intro")} />
      <AccessLogFilterForm filters={filters} />
      <AccessLogTable
        rows={entries}
        schoolNames={schoolNames}
        filtered={isFiltered(filters)}
        avgSchoolId={can(staff, "students.avg", schoolId) ? schoolId : undefined}
      />
    </div>
  );
}
