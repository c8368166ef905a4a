"use client";

import { createContext, useContext } from "react";

/**
 * Reads the page's overview again now and resolves once the new answer is shown: what a save, a
 * send, a check or a withdrawal calls so that its outcome shows at once (the overview is polled as
 * well). The Toestemming page provides it; without it nothing is read.
 */
export const OverviewRefresh = createContext<() => Promise<void>>(async () => {});

/** The page's refresh of its overview. */
export function useOverviewRefresh() {
  return useContext(OverviewRefresh);
}
