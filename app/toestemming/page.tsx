import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ConsentPage, type ServerOverview } from "@/components/consent/consent-page";
import { listQueryOf, readListParams, type ListFilters } from "@/components/consent/list-filters";
import type { SchoolOption } from "@/components/consent/status";
import { pageTitle } from "@/components/shell/page-title";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { readForPage } from "@/lib/api/page-read";
import { invalid } from "@/lib/api/route";
import { can, schoolsOf } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import type { StaffSession } from "@/lib/auth/staff";
import { overviewQuery, readConsentOverview } from "@/lib/features/consent/overview-read";
import { localeOf, type Locale } from "@/lib/i18n/locale";
import { loadSourcesConfig } from "@/lib/sources/config";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("nav"))("consent"));
}

type Params = Promise<Record<string, string | string[] | undefined>>;

/**
 * The Toestemming page: the school's consent overview, read on the server from the URL's list
 * filters as GET /api/consent reads it and streamed under a skeleton; the browser polls it from
 * there, keeps the filters and loads the forms when they are opened.
 */
export default async function ConsentRequestsPage({ searchParams }: { searchParams: Params }) {
  const { staff, schoolId } = await requirePermission("consent.read");
  const t = await getTranslations("consent");
  const names = new Map(loadSourcesConfig().schools.map((s) => [s.id, s.name]));
  // The form offers only the schools where this person may ask for consent; the BFF checks again.
  const writable = schoolsOf(staff)
    .filter((id) => can(staff, "consent.write", id))
    .map((id) => ({ id, name: names.get(id) ?? id }));
  const filters = readListParams(await searchParams);
  const school = { id: schoolId, name: names.get(schoolId) ?? schoolId };
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <Suspense fallback={<Skeleton label={t("loading")} rows={3} />}>
        <Consent staff={staff} school={school} writable={writable} filters={filters} />
      </Suspense>
    </div>
  );
}

async function Consent(props: { staff: StaffSession; school: SchoolOption; writable: SchoolOption[]; filters: ListFilters }) {
  const lang = localeOf(await getLocale());
  const first = await readOverview(props.staff, props.school.id, props.filters, lang);
  return <ConsentPage school={props.school} writable={props.writable} first={first} />;
}

/**
 * The overview for the URL's filters as the route would answer it: a filter the route refuses (made
 * by hand in the URL) is its 400, said by the page with the way back to the whole list.
 */
async function readOverview(staff: StaffSession, schoolId: string, filters: ListFilters, lang: Locale): Promise<ServerOverview> {
  const parsed = overviewQuery.safeParse(listQueryOf(filters));
  if (!parsed.success) {
    const refused = invalid(parsed.error, "query", lang);
    return { ok: false, status: refused.status, body: await refused.json(), at: Date.now() };
  }
  const read = await readForPage({ staff, schoolId, lang }, () => readConsentOverview(schoolId, parsed.data, lang));
  return { ...read, at: Date.now() };
}
