"use client";

import { hashKey, useQueryClient, type QueryKey } from "@tanstack/react-query";

/** What a refresh came to: null when it worked, else what was thrown (to show; the rows shown stay). */
export type RefreshOutcome = { error: unknown } | null;

/**
 * Asks the Source again for the list shown, in one place: `refresh` fetches it anew (the BFF skips its
 * cache), the answer replaces the query `queryKey`, and then, once, every other query of the same
 * list (`queryKey[0]`: other pages, sorts, filters) and of the lists named in `alsoStale` is marked
 * stale, since those came from the old answer: they are fetched again when shown.
 */
export function useRefresh<T>(queryKey: QueryKey, refresh: () => Promise<T>, alsoStale: readonly string[] = []) {
  const queryClient = useQueryClient();
  return async (): Promise<RefreshOutcome> => {
    let fresh: T;
    try {
      fresh = await refresh();
    } catch (error) {
      return { error };
    }
    queryClient.setQueryData(queryKey, fresh);
    const own = hashKey(queryKey);
    const lists = new Set<unknown>([queryKey[0], ...alsoStale]);
    await queryClient.invalidateQueries({ predicate: (q) => q.queryHash !== own && lists.has(q.queryKey[0]) });
    return null;
  };
}
