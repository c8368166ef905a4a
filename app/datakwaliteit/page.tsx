import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { apiErrorOf } from "@/components/lists/api-error";
import { AcceptMassChange } from "@/components/data-quality/accept-mass-change";
import { DataQualityFailed, DataQualityReport } from "@/components/data-quality/data-quality-report";
import { LicenceScan } from "@/components/data-quality/licence-scan";
import { MassChangeNotice, pendingOf } from "@/components/data-quality/mass-change-notice";
import { pageTitle } from "@/components/shell/page-title";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { readForPage } from "@/lib/api/page-read";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import type { StaffSession } from "@/lib/auth/staff";
import { readDataQuality } from "@/lib/features/data-quality/data-quality";
import { readScan } from "@/lib/features/data-quality/run-scan";
import { localeOf } from "@/lib/i18n/locale";
import { loadSourcesConfig } from "@/lib/sources/config";
import { readMassChangeForPage } from "@/app/_components/mass-change";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("dataQuality"));
}

/**
 * The Datakwaliteit page: its header at once, the checks' answer rendered on the server when the
 * LAS lists are read (above it a mass change of those lists waiting for review), and below it the
 * school's licence scan (each read logged as its route logs it); the browser gets only the buttons,
 * the acceptance of a mass change and the scan's start, stop and progress.
 */
export default async function DataQualityRoute() {
  const { staff, schoolId } = await requirePermission("dataquality.read");
  const t = await getTranslations("dataQuality");
  const name = loadSourcesConfig().schools.find((s) => s.id === schoolId)?.name ?? schoolId;
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro", { school: name })} />
      <Suspense fallback={<Skeleton label={t("loading")} rows={6} />}>
        <Answer staff={staff} school={{ id: schoolId, name }} />
      </Suspense>
      <Suspense fallback={null}>
        <ScanAnswer staff={staff} school={{ id: schoolId, name }} />
      </Suspense>
    </div>
  );
}

/** The checks' answer, below a mass change waiting for review (read after the lists, whose read judged the LAS's answers). */
async function Answer({ staff, school }: { staff: StaffSession; school: { id: string; name: string } }) {
  const lang = localeOf(await getLocale());
  const read = await readForPage({ staff, schoolId: school.id, lang }, () => readDataQuality(school.id));
  return (
    <>
      <MassChangeReview staff={staff} schoolId={school.id} />
      {read.ok ? (
        // A finding links to the pupil's page only for whom may open it (students.read); support reads the masked identifier.
        <DataQualityReport d={read.value} school={school} pupilLinks={can(staff, "students.read", school.id)} />
      ) : (
        <DataQualityFailed error={apiErrorOf(read.status, read.body)} schoolId={school.id} />
      )}
    </>
  );
}

/** A mass change of the school's LAS lists waiting for review, with its acceptance (a school administrator's); nothing when none waits. */
async function MassChangeReview({ staff, schoolId }: { staff: StaffSession; schoolId: string }) {
  const state = await readMassChangeForPage(schoolId);
  const waiting = pendingOf(state).map((p) => ({ list: p.list, now: p.pending.now }));
  const allowed = can(staff, "dataquality.accept", schoolId);
  return <MassChangeNotice state={state} action={<AcceptMassChange schoolId={schoolId} lists={waiting} allowed={allowed} />} />;
}

/** The school's licence scan (kept in memory: no Source is asked), read and logged as GET /api/data-quality/scan does. */
async function ScanAnswer({ staff, school }: { staff: StaffSession; school: { id: string; name: string } }) {
  const lang = localeOf(await getLocale());
  const read = await readForPage({ staff, schoolId: school.id, lang }, () => readScan(school.id));
  const pupilLinks = can(staff, "students.read", school.id);
  if (!read.ok) return <LicenceScan scan={null} school={school} pupilLinks={pupilLinks} error={apiErrorOf(read.status, read.body)} />;
  return <LicenceScan scan={read.value} school={school} pupilLinks={pupilLinks} />;
}
