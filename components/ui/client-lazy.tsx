"use client";

import { lazy, Suspense, useSyncExternalStore, type ComponentType, type ReactNode } from "react";

const never = () => () => {};

/** False on the server and while the page hydrates (so both render the same), true in the browser after that. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}

/**
 * A component whose code loads when it is first rendered in the browser, and never on the server,
 * where `fallback` shows (as while the code loads): what next/dynamic's `ssr: false` does, with
 * React's own `lazy`, so a page does not carry next/dynamic's loader (about 2 kB gzip) in its first load.
 */
export function clientLazy<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode = null): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  const Shown = Lazy as unknown as ComponentType<P>;
  function ClientLazy(props: P) {
    if (!useHydrated()) return fallback;
    return (
      <Suspense fallback={fallback}>
        <Shown {...props} />
      </Suspense>
    );
  }
  return ClientLazy;
}
