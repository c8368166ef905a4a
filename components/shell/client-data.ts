"use client";

import { forgetOpaqueKeys } from "@/components/lists/opaque-key";

// What the tab holds of persons outside the page itself, and how to drop it. The react-query cache
// registers its own clear here (components/shell/query-provider.tsx), so sign-out, which is on every
// page, does not pull react-query into pages that never load data in the browser.
const caches = new Set<() => void>();

/** A cache to empty at sign-out; returns the unregister. */
export function registerClientCache(clear: () => void): () => void {
  caches.add(clear);
  return () => caches.delete(clear);
}

/**
 * Everything the browser holds of persons outside the page itself: the react-query cache (pupils'
 * names, rows, usage answers), the opaque search keys and web storage. Called as sign-out starts;
 * the sign-out answer's Clear-Site-Data and the full page load that follows do the rest.
 */
export function dropClientData(): void {
  for (const clear of caches) clear();
  forgetOpaqueKeys();
  try {
    sessionStorage.clear();
    localStorage.clear();
  } catch {
    // Storage may be unavailable (privacy settings); then it holds nothing either.
  }
}
