"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect } from "react";
import { forgetOpaqueKeys } from "@/components/lists/opaque-key";

/** Data counts as fresh for 30 s (the BFF caches the Sources anyway). */
export function makeQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } } });
}

// One query client per browser tab, reachable outside the React tree so sign-out can empty it.
// On the server every render gets a new one: nothing of one request may reach another.
let browserClient: QueryClient | undefined;
function queryClient(): QueryClient {
  if (typeof window === "undefined") return makeQueryClient();
  return (browserClient ??= makeQueryClient());
}

/**
 * Everything the browser holds of persons outside the page itself: the react-query cache (pupils'
 * names, rows, usage answers), the opaque search keys and web storage. Called as sign-out starts;
 * the sign-out answer's Clear-Site-Data and the full page load that follows do the rest.
 */
export function dropClientData(): void {
  browserClient?.clear();
  forgetOpaqueKeys();
  try {
    sessionStorage.clear();
    localStorage.clear();
  } catch {
    // Storage may be unavailable (privacy settings); then it holds nothing either.
  }
}

export function Providers({ children }: { children: React.ReactNode }) {
  const client = queryClient();
  useEffect(() => {
    // A page restored from the back/forward cache would show what it held before sign-out: load it
    // anew from the server instead, which sends a signed-out visitor to the sign-in page.
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) window.location.reload();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
