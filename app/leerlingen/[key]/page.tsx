import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Suspense } from "react";
import { apiErrorOf } from "@/components/lists/api-error";
import { pageTitle } from "@/components/shell/page-title";
import { StudentDetail } from "@/components/students/student-detail";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { apiMessage } from "@/lib/api/errors";
import { readForPage } from "@/lib/api/page-read";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import type { StaffSession } from "@/lib/auth/staff";
import { readStudentDetail } from "@/lib/features/students/student-detail";
import { localeOf } from "@/lib/i18n/locale";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("shell"))("student"));
}

/**
 * One pupil's page. The URL holds only the opaque key (a keyed hash), never a name or an identifier.
 * The pupil is read on the server as GET /api/students/detail reads them (the same limits and
 * access-log row) and streamed under a skeleton; the browser gets only the reveal button.
 */
export default async function StudentPage({ params }: { params: Promise<{ key: string }> }) {
  const { staff, schoolId } = await requirePermission("students.read");
  const { key } = await params;
  if (!/^[0-9a-f]{32}$/.test(key)) notFound();
  const t = await getTranslations("student");
  return (
    <div className="space-y-4">
      <Link href="/leerlingen" className="text-sm text-blue-800 underline underline-offset-2">
        ← {t("back")}
      </Link>
      <Suspense fallback={<Skeleton label={t("loading")} rows={2} />}>
        <Pupil staff={staff} schoolId={schoolId} studentKey={key} />
      </Suspense>
    </div>
  );
}

async function Pupil({ staff, schoolId, studentKey }: { staff: StaffSession; schoolId: string; studentKey: string }) {
  const t = await getTranslations("student");
  const lang = localeOf(await getLocale());
  const sections = { enrollments: can(staff, "enrollments.read", schoolId), teachers: can(staff, "assignments.read", schoolId) };
  const read = await readForPage({ staff, schoolId, lang, limits: ["lookup"] }, async () => {
    const found = await readStudentDetail(schoolId, studentKey, sections, lang);
    return found ?? { value: null };
  });
  if (!read.ok) return <ErrorNotice error={apiErrorOf(read.status, read.body)} title={t("error")} titleAs="h1" />;
  if (read.value === null) {
    const unknown = apiErrorOf(404, { error: { code: "not_found", message: apiMessage("not_found", lang) } });
    return <ErrorNotice error={unknown} title={t("error")} titleAs="h1" />;
  }
  return <StudentDetail detail={read.value} />;
}
