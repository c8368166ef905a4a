"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { fetchScan } from "./queries";

/** How far a running scan is: pupils asked, of all. */
export type ScanProgress = { done: number; total: number };

/** About once a second: often enough for the bar to move, and each poll is one small answer from the BFF's memory. */
export const POLL_MS = 1000;

/**
 * A running scan's progress in the browser: from `initial` (the server's, or a start's answer via
 * `follow`), asked of the BFF again about once a second as a background request (not activity: an
 * open page still signs out). A failed poll is kept in `pollError` and the next one still goes. When
 * the scan no longer runs (done, cancelled, failed or let go), polling stops and the page is rendered
 * anew on the server (router.refresh), which then shows the findings; `end` does that at once (after a
 * stop), `refresh` renders it anew and goes on polling (after a start). The timer is cleared on unmount.
 */
export function useScanProgress(schoolId: string, initial: ScanProgress | null) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [ended, setEnded] = useState(false);
  const [pollError, setPollError] = useState<unknown>(null);
  const [, startTransition] = useTransition();
  const polling = progress !== null && !ended;
  useEffect(() => {
    if (!polling) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const poll = async () => {
      try {
        const { scan } = await fetchScan(schoolId);
        if (!live) return;
        setPollError(null);
        if (scan?.state === "running") {
          setProgress({ done: scan.done, total: scan.total });
          timer = setTimeout(() => void poll(), POLL_MS);
        } else {
          setEnded(true);
          startTransition(() => router.refresh());
        }
      } catch (error) {
        if (!live) return;
        setPollError(error);
        timer = setTimeout(() => void poll(), POLL_MS);
      }
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [polling, schoolId, router]);
  const refresh = () => startTransition(() => router.refresh());
  const end = () => {
    setEnded(true);
    refresh();
  };
  return { progress, follow: setProgress, refresh, end, pollError };
}
