"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { accepted, type ParamSpec, type UrlValues } from "./url-params";

/** A change to the filters: a value sets it, "" or undefined removes it. */
export type FilterChanges<S extends ParamSpec> = { [K in keyof S]?: string | number | undefined };

/**
 * A list's filters kept in the page's query parameters (shareable, and the back button works), read
 * and written through one reader per parameter (url-params.ts). A value its reader refuses counts as
 * absent (the reader's default, if it has one); a parameter the spec does not name is left out of
 * the URL the next time it is written. Writing replaces the history entry and keeps the scroll position:
 * with the browser's own `history.replaceState`, which Next keeps `useSearchParams` in step with, so a
 * filter change does not render the page again on the server (a server-rendered page would read its
 * data again, and log that read, for a change only the browser's list needs).
 * The filters name periods, offerings and statuses, never a person: what is typed about a person stays out of the URL.
 */
export function useUrlFilters<S extends ParamSpec>(spec: S): [UrlValues<S>, (changes: FilterChanges<S>) => void] {
  const pathname = usePathname();
  const url = useSearchParams();
  const keys = Object.keys(spec) as Array<keyof S & string>;
  const filters = Object.fromEntries(keys.map((k) => [k, spec[k]!(accepted(spec[k]!, url.get(k)) ?? null)])) as UrlValues<S>;
  const set = (changes: FilterChanges<S>) => {
    const next = new URLSearchParams();
    for (const k of keys) {
      const text = accepted(spec[k]!, Object.hasOwn(changes, k) ? (changes[k] === undefined ? undefined : String(changes[k])) : url.get(k));
      if (text) next.set(k, text);
    }
    window.history.replaceState(null, "", `${pathname}${next.size ? `?${next}` : ""}`);
  };
  return [filters, set];
}
