"use client";

import { downloadPost, getJson, type ApiError } from "@/components/lists/api";
import type { BodyOf, QueryOf } from "@/components/lists/contract-types";
import type { ResponseOf } from "@/lib/contracts/define";
import type { enrollmentsExport, enrollmentsList, enrollmentsOptions } from "@/lib/contracts/enrollments";

export type EnrollmentPage = ResponseOf<typeof enrollmentsList>;
export type EnrollmentRow = EnrollmentPage["rows"][number];
export type EnrolledNow = EnrollmentRow["enrolledNow"];
export type EnrollmentOptions = ResponseOf<typeof enrollmentsOptions>;
/** The list's filters and page as the route reads them (all optional: the route has defaults). */
export type EnrollmentQuery = Partial<Omit<QueryOf<typeof enrollmentsList>, "refresh">>;
export type EnrollmentExportBody = BodyOf<typeof enrollmentsExport>;

export { ENROLLMENT_PAGE_SIZE, enrollmentEndpoints, enrollmentsUrl } from "./enrollment-params";
import { enrollmentEndpoints } from "./enrollment-params";

/** The enrollments queries' keys (offerings and periods only, never a person): the filters' options, which the pupil list's filters share. */
export const enrollmentKeys = {
  options: () => ["enrollments", "options"] as const,
};

/** The periods, offerings, years and locations of the school's enrollments: what the filters offer. */
export function fetchEnrollmentOptions(): Promise<EnrollmentOptions> {
  return getJson<EnrollmentOptions>(enrollmentEndpoints.options.path);
}

/** Every enrollment matching the filters as CSV, downloaded; the ApiError when it failed. */
export function exportEnrollments(body: EnrollmentExportBody): Promise<ApiError | null> {
  return downloadPost(enrollmentEndpoints.export.path, body, "inschrijvingen.csv");
}
