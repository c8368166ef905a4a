import type { FilterChanges } from "@/components/ui/use-url-filters";
import { accepted, matching, text, type UrlValues } from "@/components/ui/url-params";

// Shared by the server (the page reads the overview with the URL's filters) and the browser: no
// "use client" module's values here, since a server component gets only a reference to those.

/** The list filters: their names in the page URL and in the BFF's query (GET /api/consent) are the same. */
export const LIST_FILTERS = {
  api: text(),
  provider: text(),
  status: text(),
  since: matching(/^\d{4}-\d{2}-\d{2}$/),
};
export type ListFilters = UrlValues<typeof LIST_FILTERS>;
export type ListFilterChanges = FilterChanges<typeof LIST_FILTERS>;

/** The page's query parameters read as the filters read them: a value a reader refuses counts as absent, an unknown parameter is not read. */
export function readListParams(params: Record<string, string | string[] | undefined>): ListFilters {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;
  const keys = Object.keys(LIST_FILTERS) as Array<keyof typeof LIST_FILTERS>;
  return Object.fromEntries(keys.map((k) => [k, LIST_FILTERS[k](accepted(LIST_FILTERS[k], one(params[k])) ?? null)])) as ListFilters;
}

/** The filters set, as the route's query reads them ("" is no filter). */
export function listQueryOf(filters: Partial<ListFilters>): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])));
}
