"use client";

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
