"use client";

import { downloadPost, postJson, type ApiError } from "@/components/lists/api";
import type { BodyOf } from "@/components/lists/contract-types";
import type { ResponseOf } from "@/lib/contracts/define";
import type { studentsDetail, studentsExport, studentsList, studentsReveal } from "@/lib/contracts/students";

export { STUDENT_PAGE_SIZE, studentEndpoints } from "./student-params";
import { STUDENT_PAGE_SIZE, studentEndpoints } from "./student-params";

export type StudentPage = ResponseOf<typeof studentsList>;
export type StudentRow = StudentPage["rows"][number];
export type StudentDetail = ResponseOf<typeof studentsDetail>;
export type StudentEnrollment = Extract<StudentDetail["enrollments"], { rows: unknown }>["rows"][number];
export type Teachers = NonNullable<StudentDetail["teachers"]>;
export type RevealedIdentifiers = ResponseOf<typeof studentsReveal>;
/** What the list is asked for: the Source's filters, the name search and the sort (the page and its size are the fetcher's). */
export type StudentQuery = Omit<BodyOf<typeof studentsList>, "page" | "pageSize" | "refresh">;
export type StudentSort = StudentQuery["sort"];

/** The students queries' keys. `keyParams` hold an opaque token for a name search, never its text. */
export const studentKeys = {
  all: ["students"] as const,
  list: (keyParams: Readonly<Record<string, string>>, page: number) => ["students", "list", keyParams, page] as const,
};

// A POST: the name search travels in the body, never in a URL (where proxy and access logs keep it).
export function fetchStudents(query: StudentQuery, page: number, refresh = false): Promise<StudentPage> {
  const body: BodyOf<typeof studentsList> = { ...query, page, pageSize: STUDENT_PAGE_SIZE, ...(refresh ? { refresh: true } : {}) };
  return postJson<StudentPage>(studentEndpoints.list.path, body);
}

/** The full identifiers of one student: a deliberate act, logged as a reveal. */
export function revealIdentifiers(key: string): Promise<RevealedIdentifiers> {
  return postJson<RevealedIdentifiers>(studentEndpoints.reveal.path, { key } satisfies BodyOf<typeof studentsReveal>);
}

/** Every student matching the filters as CSV, downloaded; the ApiError when it failed. */
export function exportStudents(query: BodyOf<typeof studentsExport>): Promise<ApiError | null> {
  return downloadPost(studentEndpoints.export.path, query, "leerlingen.csv");
}
