import { accepted, matching, oneOf, text, type UrlValues } from "@/components/ui/url-params";
import type { EnrollmentQuery } from "./queries";

// The list's filters and page live in the URL (shareable, back button); they name offerings and
// periods, never a person. Read the same way by the page on the server and by the filters in the browser.
export const ENROLLMENT_FILTERS = {
  enrollmentType: oneOf(["study", "subject"] as const),
  schoolPeriodId: text(),
  studyOfferingId: text(),
  subjectOfferingId: text(),
  studyYear: matching(/^\d{1,2}$/),
  location: text(),
  includeToBeDeleted: oneOf(["1"] as const),
  page: matching(/^[1-9]\d{0,5}$/),
};
export type EnrollmentFilterValues = UrlValues<typeof ENROLLMENT_FILTERS>;

/** The page's query parameters read as the filters read them: a value a reader refuses counts as absent, an unknown parameter is not read. */
export function readEnrollmentParams(params: Record<string, string | string[] | undefined>): EnrollmentFilterValues {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;
  const keys = Object.keys(ENROLLMENT_FILTERS) as Array<keyof typeof ENROLLMENT_FILTERS>;
  return Object.fromEntries(
    keys.map((k) => [k, ENROLLMENT_FILTERS[k](accepted(ENROLLMENT_FILTERS[k], one(params[k])) ?? null)]),
  ) as EnrollmentFilterValues;
}

/** The filters as the route reads them: texts as they are, the year and page as numbers; "" is no filter. */
export function queryOf({ studyYear, page, ...texts }: EnrollmentFilterValues): EnrollmentQuery {
  const set = Object.fromEntries(Object.entries(texts).filter(([, v]) => v)) as Omit<EnrollmentQuery, "studyYear" | "page">;
  return { ...set, ...(studyYear ? { studyYear: Number(studyYear) } : {}), ...(page ? { page: Number(page) } : {}) };
}

/** The Inschrijvingen page's address with `values` and another page. */
export function pageHref(values: EnrollmentFilterValues, page: number): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, page: page > 1 ? String(page) : undefined })) if (v) next.set(k, v);
  return `/inschrijvingen${next.size ? `?${next}` : ""}`;
}
