"use client";

import { useEffect } from "react";

/**
 * A page restored from the back/forward cache would show what it held before sign-out: load it anew
 * from the server instead, which sends a signed-out visitor to the sign-in page. Renders nothing.
 */
export function BfcacheReload() {
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) window.location.reload();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);
  return null;
}
