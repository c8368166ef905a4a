"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { runCoverage, type CoverageBody, type CoverageProgress } from "./queries";

/**
 * One coverage run at a time: `start` (a new one cancels the one going), `cancel`, the progress the
 * stream tells, and the result or what stopped it. A cancelled run is said as such, never as an error.
 */
export function useCoverageRun() {
  const abort = useRef<AbortController | null>(null);
  const [progress, setProgress] = useState<CoverageProgress | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const run = useMutation({
    mutationFn: (body: CoverageBody) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      return runCoverage(body, controller.signal, setProgress);
    },
  });
  const start = (body: CoverageBody) => {
    setProgress(null);
    setCancelled(false);
    run.mutate(body);
  };
  const cancel = () => {
    abort.current?.abort();
    setCancelled(true);
  };
  const running = run.isPending && !cancelled;
  return {
    start,
    cancel,
    running,
    cancelled,
    /** Shown while the run goes and after it was cancelled. */
    progress: running || cancelled ? progress : null,
    coverage: run.data ?? null,
    /** The group the result is for (without `refresh`), for its export. */
    ran:
      run.data && run.variables
        ? { subjectOfferingId: run.variables.subjectOfferingId, studyOfferingId: run.variables.studyOfferingId }
        : null,
    error: cancelled ? null : run.error,
  };
}
