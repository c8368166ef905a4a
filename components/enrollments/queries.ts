"use client";

import { downloadPost, getJson, type ApiError } from "@/components/lists/api";
import type { BodyOf, Endpoint, QueryOf } from "@/components/lists/contract-types";
import type { ResponseOf } from "@/lib/contracts/define";
import type { enrollmentsExport, enrollmentsList, enrollmentsOptions } from "@/lib/contracts/enrollments";

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

export type EnrollmentPage = ResponseOf<typeof enrollmentsList>;
export type EnrollmentRow = EnrollmentPage["rows"][number];
export type EnrolledNow = EnrollmentRow["enrolledNow"];
export type EnrollmentOptions = ResponseOf<typeof enrollmentsOptions>;
/** The list's filters and page as the route reads them (all optional: the route has defaults). */
export type EnrollmentQuery = Partial<Omit<QueryOf<typeof enrollmentsList>, "refresh">>;
export type EnrollmentExportBody = BodyOf<typeof enrollmentsExport>;

/** Rows per page of the list. */
export const ENROLLMENT_PAGE_SIZE = 50;

/** The enrollments queries' keys (offerings and periods only, never a person): the filters' options, which the pupil list's filters share. */
export const enrollmentKeys = {
  options: () => ["enrollments", "options"] as const,
};

/** A query string of the values given (undefined left out). */
function searchOf(values: Record<string, string | number | undefined>): string {
  return new URLSearchParams(Object.entries(values).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();
}

/** The URL of one page of the school's enrollments; `refresh` asks the Source again (the page's refresh button GETs it). */
export function enrollmentsUrl(query: EnrollmentQuery, refresh = false): string {
  return `${enrollmentEndpoints.list.path}?${searchOf({ ...query, pageSize: query.pageSize ?? ENROLLMENT_PAGE_SIZE, ...(refresh ? { refresh: "1" } : {}) })}`;
}

/** The periods, offerings, years and locations of the school's enrollments: what the filters offer. */
export function fetchEnrollmentOptions(): Promise<EnrollmentOptions> {
  return getJson<EnrollmentOptions>(enrollmentEndpoints.options.path);
}

/** Every enrollment matching the filters as CSV, downloaded; the ApiError when it failed. */
export function exportEnrollments(body: EnrollmentExportBody): Promise<ApiError | null> {
  return downloadPost(enrollmentEndpoints.export.path, body, "inschrijvingen.csv");
}
