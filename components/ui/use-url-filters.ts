"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { accepted, type ParamSpec, type UrlValues } from "./url-params";

/** A change to the filters: a value sets it, "" or undefined removes it. */
export type FilterChanges<S extends ParamSpec> = { [K in keyof S]?: string | number | undefined };

/**
 * A list's filters kept in the page's query parameters (shareable, and the back button works), read
 * and written through one reader per parameter (url-params.ts). A value its reader refuses counts as
 * absent (the reader's default, if it has one); a parameter the spec does not name is left out of
 * the URL the next time it is written. Writing replaces the history entry and keeps the scroll position.
 * The filters name periods, offerings and statuses, never a person: what is typed about a person stays out of the URL.
 */
export function useUrlFilters<S extends ParamSpec>(spec: S): [UrlValues<S>, (changes: FilterChanges<S>) => void] {
  const router = useRouter();
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
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };
  return [filters, set];
}
