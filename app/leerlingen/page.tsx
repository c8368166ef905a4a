import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { apiErrorOf } from "@/components/lists/api-error";
import { pageTitle } from "@/components/shell/page-title";
import { InvalidRecords } from "@/components/students/invalid-records";
import { StudentsList } from "@/components/students/students-list";
import { StudentsPreview } from "@/components/students/students-preview";
import { studentColumns } from "@/components/students/student-columns";
import {
  readStudentParams,
  STUDENT_PAGE_SIZE,
  studentEndpoints,
  studentQueryOf,
  type StudentFilterValues,
} from "@/components/students/student-params";
import { ExportButton } from "@/components/ui/export-button";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { ServerRefresh } from "@/components/ui/server-refresh";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorNotice } from "@/components/ui/source-error-notice";
import { readForPage } from "@/lib/api/page-read";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import type { StaffSession } from "@/lib/auth/staff";
import { readEnrollmentOptions } from "@/lib/features/enrollments/enrollments";
import { readStudentPage } from "@/lib/features/students/student-page";
import { localeOf } from "@/lib/i18n/locale";
import { MassChangeOnList } from "@/app/_components/mass-change";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("students"));
}

type Params = Promise<Record<string, string | string[] | undefined>>;

/**
 * The Leerlingen page: the school's students, the first page read on the server from the URL's
 * filters and sort as POST /api/students reads it (the same limits and access-log row), streamed
 * under a skeleton; the browser's list takes over when the reader scrolls, searches or chooses columns.
 */
export default async function StudentsPage({ searchParams }: { searchParams: Params }) {
  const { staff, schoolId } = await requirePermission("students.read");
  const t = await getTranslations("students");
  const values = readStudentParams(await searchParams);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Suspense fallback={<Skeleton label={t("loading")} rows={6} />}>
        <Students staff={staff} schoolId={schoolId} values={values} />
      </Suspense>
    </div>
  );
}

async function Students({ staff, schoolId, values }: { staff: StaffSession; schoolId: string; values: StudentFilterValues }) {
  const t = await getTranslations("students");
  const lang = localeOf(await getLocale());
  const who = { staff, schoolId, lang };
  const canFilter = can(staff, "enrollments.read", schoolId);
  const query = studentQueryOf(values);
  const [list, options] = await Promise.all([
    readForPage(who, () => readStudentPage(schoolId, { ...query, page: 1, pageSize: STUDENT_PAGE_SIZE })),
    canFilter ? readForPage(who, async () => ({ value: await readEnrollmentOptions(schoolId) })) : null,
  ]);
  const refresh = (
    <ServerRefresh
      url={studentEndpoints.list.path}
      body={{ ...query, page: 1, pageSize: STUDENT_PAGE_SIZE, refresh: true }}
      failedTitle={t("error")}
    />
  );
  if (!list.ok) {
    return (
      <div className="space-y-2">
        <ErrorNotice error={apiErrorOf(list.status, list.body)} title={t("error")} />
        <div className="flex flex-wrap items-center gap-3 text-sm">{refresh}</div>
      </div>
    );
  }
  const d = list.value;
  const preview = (
    <>
      <ListToolbar count={t("count", { total: d.total })} ageSeconds={d.ageSeconds}>
        {refresh}
        <ExportButton url={studentEndpoints.export.path} body={query} fileName="leerlingen.csv" failedTitle={t("exportFailed")} />
      </ListToolbar>
      <InvalidRecords page={d} />
      <StudentsPreview d={d} columns={studentColumns(t)} />
    </>
  );
  return (
    <>
      <MassChangeOnList schoolId={schoolId} lists={["students"]} />
      <StudentsList initial={d} values={values} canFilter={canFilter} options={options?.ok ? options.value : undefined} preview={preview} />
    </>
  );
}
