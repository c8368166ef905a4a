import { matching, oneOf, readUrlParams, text, type UrlValues } from "@/components/ui/url-params";
import type { Endpoint } from "@/components/lists/contract-types";
import type { EnrollmentQuery } from "./queries";

// Shared by the server (the page renders the list) and the browser: no "use client" module's values here,
// since a server component gets only a reference to those, not the value.

/**
 * The enrollments endpoints' method and path, as their contracts (lib/contracts/enrollments.ts) name
 * them; the contracts are imported for their types only, so zod stays out of the browser
 * (components/lists/contract-paths.test.ts holds these to them).
 */
export const enrollmentEndpoints = {
  list: { method: "GET", path: "/api/enrollments" },
  options: { method: "GET", path: "/api/enrollments/options" },
  export: { method: "POST", path: "/api/enrollments/export" },
} as const satisfies Record<string, Endpoint>;

/** Rows per page of the list. */
export const ENROLLMENT_PAGE_SIZE = 50;

/** A query string of the values given (undefined left out). */
function searchOf(values: Record<string, string | number | undefined>): string {
  return new URLSearchParams(Object.entries(values).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();
}

/** The URL of one page of the school's enrollments at GET /api/enrollments; `refresh` asks the Source again (the refresh button GETs it). */
export function enrollmentsUrl(query: EnrollmentQuery, refresh = false): string {
  return `${enrollmentEndpoints.list.path}?${searchOf({ ...query, pageSize: query.pageSize ?? ENROLLMENT_PAGE_SIZE, ...(refresh ? { refresh: "1" } : {}) })}`;
}

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
  return readUrlParams(ENROLLMENT_FILTERS, params);
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
