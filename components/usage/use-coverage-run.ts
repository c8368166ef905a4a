"use client";

import { useRef, useState } from "react";
import { runCoverage, type Coverage, type CoverageBody, type CoverageExportBody, type CoverageProgress } from "./queries";

/** Where the run is: not started, going, cancelled (with how far it got), done (the result and the group it is for) or failed. */
type Phase =
  | { phase: "idle" }
  | { phase: "running" | "cancelled"; progress: CoverageProgress | null }
  | { phase: "done"; coverage: Coverage | null; ran: CoverageExportBody }
  | { phase: "failed"; error: unknown };

/** What a run shows: whether one was started, is going or was cancelled, its progress, its result or what stopped it. */
export type CoverageRunState = ReturnType<typeof stateOf>;

function stateOf(p: Phase) {
  return {
    started: p.phase !== "idle",
    running: p.phase === "running",
    cancelled: p.phase === "cancelled",
    /** Shown while the run goes and after it was cancelled. */
    progress: p.phase === "running" || p.phase === "cancelled" ? p.progress : null,
    coverage: p.phase === "done" ? p.coverage : null,
    /** The group the result is for (without `refresh`), for its export. */
    ran: p.phase === "done" && p.coverage ? p.ran : null,
    error: p.phase === "failed" ? p.error : null,
  };
}

/**
 * One coverage run at a time: `start` (a new one cancels the one going), `cancel`, the progress the
 * stream tells, and the result or what stopped it. A cancelled run is said as such, never as an error.
 * A run is one streamed POST started by a click, kept in this component's memory only: no query
 * cache, so the coverage view's first load does without react-query.
 */
export function useCoverageRun() {
  const abort = useRef<AbortController | null>(null);
  const [phase, setPhase] = useState<Phase>({ phase: "idle" });
  const go = async (body: CoverageBody) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    // Only the run going changes what is shown: one cancelled or replaced by another says nothing more.
    const tell = (next: Phase) => {
      if (abort.current === controller && !controller.signal.aborted) setPhase(next);
    };
    setPhase({ phase: "running", progress: null });
    try {
      const coverage = await runCoverage(body, controller.signal, (progress) => tell({ phase: "running", progress }));
      tell({ phase: "done", coverage, ran: { subjectOfferingId: body.subjectOfferingId, studyOfferingId: body.studyOfferingId } });
    } catch (error) {
      tell({ phase: "failed", error });
    }
  };
  const cancel = () => {
    abort.current?.abort();
    setPhase((p) => ({ phase: "cancelled", progress: p.phase === "running" ? p.progress : null }));
  };
  return { start: (body: CoverageBody) => void go(body), cancel, ...stateOf(phase) };
}
