"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
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
 * data again, and log that read, for a change only the browser's list needs). `server`: the page renders
 * the filtered list on the server, so a change asks the server for the page anew (router.replace, in a
 * transition: what is shown stays until the new page is there; `pending` says it is on its way).
 * The filters name periods, offerings and statuses, never a person: what is typed about a person stays out of the URL.
 */
export function useUrlFilters<S extends ParamSpec>(
  spec: S,
  opts: { server?: boolean } = {},
): [UrlValues<S>, (changes: FilterChanges<S>) => void, { pending: boolean }] {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
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
    const href = `${pathname}${next.size ? `?${next}` : ""}`;
    if (opts.server) startTransition(() => router.replace(href, { scroll: false }));
    else window.history.replaceState(null, "", href);
  };
  return [filters, set, { pending }];
}
