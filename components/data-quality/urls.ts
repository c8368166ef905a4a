import type { Endpoint } from "@/components/lists/contract-types";

// The Datakwaliteit page's BFF addresses, for both sides: the server renders the page (and its refresh
// button's address), the browser calls them. Not in the "use client" queries.ts, whose values a server
// component only gets references to.

/** The endpoints' method and path, as lib/contracts/data-quality names them (queries.test.ts holds them to it). */
export const dataQualityEndpoints = {
  list: { method: "GET", path: "/api/data-quality" },
  export: { method: "POST", path: "/api/data-quality/export" },
  scan: { method: "GET", path: "/api/data-quality/scan" },
  scanStart: { method: "POST", path: "/api/data-quality/scan" },
  scanCancel: { method: "POST", path: "/api/data-quality/scan/cancel" },
  massChangeAccept: { method: "POST", path: "/api/data-quality/mass-change/accept" },
} as const satisfies Record<string, Endpoint>;

/** An endpoint's address for one school, with `params`. */
export function dataQualityUrl(path: string, schoolId: string, params: Record<string, string> = {}): string {
  return `${path}?${new URLSearchParams({ school: schoolId, ...params })}`;
}
