"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { registerClientCache } from "./client-data";

/** Data counts as fresh for 30 s (the BFF caches the Sources anyway). */
export function makeQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } } });
}

// One query client per browser tab, shared by every section that loads data in the browser (so the
// cache outlives a move from one section to another), and emptied at sign-out.
// On the server every render gets a new one: nothing of one request may reach another.
let browserClient: QueryClient | undefined;
function queryClient(): QueryClient {
  if (typeof window === "undefined") return makeQueryClient();
  if (!browserClient) {
    const client = makeQueryClient();
    registerClientCache(() => client.clear());
    browserClient = client;
  }
  return browserClient;
}

/**
 * react-query for the sections whose pages load data in the browser (their layout.tsx wraps them);
 * pages that render on the server only (home, Bronnen, access log, sign-in) do without its code.
 */
export function QueryProvider({ children }: { children: React.ReactNode }) {
  return <QueryClientProvider client={queryClient()}>{children}</QueryClientProvider>;
}
