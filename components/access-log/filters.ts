import { z } from "zod";
import type { QueryOf } from "@/components/lists/contract-types";
import { accessOutcome, dataKind, type accessLogList } from "@/lib/contracts/access-log";

/** The access log's filters, named and typed as GET /api/access-log takes them. */
export type AccessLogFilters = QueryOf<typeof accessLogList>;

const day = z.iso.date();
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The filters from the page's query string (a GET form): a value the contract does not take counts
 * as absent. The filters hold no personal data: a kind of data, an outcome, a staff member's
 * e-mail (as typed, lower-cased) and days.
 */
export function readAccessLogFilters(params: Readonly<Record<string, string | string[] | undefined>>): AccessLogFilters {
  const actor = first(params.actor)?.trim().toLowerCase();
  return {
    dataKind: dataKind.safeParse(first(params.dataKind)).data,
    outcome: accessOutcome.safeParse(first(params.outcome)).data,
    actor: actor || undefined,
    from: day.safeParse(first(params.from)).data,
    until: day.safeParse(first(params.until)).data,
  };
}

/** Whether any filter is set (the empty list then says "with these filters"). */
export const isFiltered = (filters: AccessLogFilters) => Object.values(filters).some(Boolean);
