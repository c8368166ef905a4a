import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { Suspense } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { AvgRecord } from "@/components/avg/avg-record";
import { apiErrorOf } from "@/components/lists/api-error";
import { pageTitle } from "@/components/shell/page-title";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { apiMessage } from "@/lib/api/errors";
import { readForPage } from "@/lib/api/page-read";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import type { StaffSession } from "@/lib/auth/staff";
import { readAvgRecord } from "@/lib/features/avg-record/avg-record";
import { localeOf } from "@/lib/i18n/locale";
import { loadSourcesConfig } from "@/lib/sources/config";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("avgRecord"))("pageName"));
}

/**
 * A pupil's AVG record (issue 25 item 3), for the auditor (students.avg). Not /leerlingen/<key>/avg as
 * the issue names it: that section's layout requires students.read, which the auditor lacks, and
 * app/leerlingen/page.tsx cannot move into a route group here. The URL holds only the opaque key.
 * Read on the server as GET /api/students/avg reads it (the same limits and access-log row: the
 * opening is logged) and streamed under a skeleton; printable (the shell hides itself in print).
 */
export default async function AvgRecordPage({ params }: { params: Promise<{ key: string }> }) {
  const { staff, schoolId } = await requirePermission("students.avg");
  const { key } = await params;
  if (!/^[0-9a-f]{32}$/.test(key)) notFound();
  const t = await getTranslations("avgRecord");
  return (
    <div className="space-y-4">
      {can(staff, "accesslog.read", schoolId) ? (
        <Link href="/toegangslog" className="text-sm text-blue-800 underline underline-offset-2 print:hidden">
          ← {t("back")}
        </Link>
      ) : null}
      <Suspense fallback={<Skeleton label={t("loading")} rows={3} />}>
        <PupilRecord staff={staff} schoolId={schoolId} studentKey={key} />
      </Suspense>
    </div>
  );
}

async function PupilRecord({ staff, schoolId, studentKey }: { staff: StaffSession; schoolId: string; studentKey: string }) {
  const t = await getTranslations("avgRecord");
  const lang = localeOf(await getLocale());
  const read = await readForPage({ staff, schoolId, lang, limits: ["lookup"] }, async () => {
    const found = await readAvgRecord(schoolId, studentKey, lang);
    return found ?? { value: null };
  });
  if (!read.ok) return <ErrorNotice error={apiErrorOf(read.status, read.body)} title={t("error")} titleAs="h1" />;
  if (read.value === null) {
    const unknown = apiErrorOf(404, { error: { code: "not_found", message: apiMessage("not_found", lang) } });
    return <ErrorNotice error={unknown} title={t("error")} titleAs="h1" />;
  }
  const schoolName = loadSourcesConfig().schools.find((s) => s.id === schoolId)?.name ?? schoolId;
  return <AvgRecord record={read.value} schoolName={schoolName} reader={staff.email ?? staff.id} />;
}
