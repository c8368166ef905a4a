import type { Endpoint } from "@/components/lists/contract-types";
import { oneOf, readUrlParams, text, withDefault, type UrlValues } from "@/components/ui/url-params";
import type { StudentQuery, StudentSort } from "./queries";

/**
 * The students endpoints' method and path, as their contracts (lib/contracts/students.ts) name them;
 * the contracts are imported for their types only, so zod stays out of the browser
 * (components/lists/contract-paths.test.ts holds these to them).
 */
export const studentEndpoints = {
  list: { method: "POST", path: "/api/students" },
  export: { method: "POST", path: "/api/students/export" },
  detail: { method: "GET", path: "/api/students/detail" },
  reveal: { method: "POST", path: "/api/students/reveal" },
} as const satisfies Record<string, Endpoint>;

/** Rows per request: the list is virtualised, so the browser holds only the pages in view. */
export const STUDENT_PAGE_SIZE = 100;

// Shared by the server (the page renders the list's first rows) and the browser: no "use client"
// module's values here, since a server component gets only a reference to those, not the value.

/** The columns the server can sort by; their ids are the `sort` values of the URL and of POST /api/students. */
export const STUDENT_SORTS = ["familyName", "name", "dateOfBirth"] as const satisfies readonly StudentSort[];

// Filters and sort live in the URL (shareable, back button): periods and offerings, never a person.
// The name search is not among them: it stays in the page and travels in a POST body.
export const STUDENT_FILTERS = {
  sort: withDefault(oneOf(STUDENT_SORTS), "familyName"),
  dir: withDefault(oneOf(["asc", "desc"] as const), "asc"),
  schoolPeriodId: text(),
  studyOfferingId: text(),
  subjectOfferingId: text(),
};
export type StudentFilterValues = UrlValues<typeof STUDENT_FILTERS>;

/** The page's query parameters read as the filters read them: a value a reader refuses counts as absent (or its default). */
export function readStudentParams(params: Record<string, string | string[] | undefined>): StudentFilterValues {
  return readUrlParams(STUDENT_FILTERS, params);
}

/** What the list is asked for with these filters and the name search ("" for none): empty filters left out. */
export function studentQueryOf({ sort, dir, ...source }: StudentFilterValues, search = ""): StudentQuery {
  const filters = Object.fromEntries(Object.entries(source).filter(([, v]) => v)) as Omit<StudentQuery, "sort" | "dir" | "q">;
  return { ...filters, sort, dir, ...(search ? { q: search } : {}) };
}

/** Columns hidden until the reader chooses them (the column chooser's starting point, on the server and in the browser). */
export const HIDDEN_COLUMNS: Readonly<Record<string, boolean>> = { email: false };
/** Every row's height in px, in the rows the server renders and in the list that takes over (one line per pupil). */
export const STUDENT_ROW_HEIGHT = 40;
/** The rows rendered on the server: more than a tall screen shows, fewer than the 100 the list may hold in the DOM. */
export const PREVIEW_ROWS = 40;
