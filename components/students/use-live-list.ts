"use client";

import { startTransition, useCallback, useRef, useState, type ComponentType } from "react";

/**
 * The browser's list, loaded when the reader first needs more than the rows the server rendered:
 * `preload` fetches its code (on a pointer or focus nearing the list), `start` also shows it in place
 * of the server's rows once its code is there, scrolled to where the reader had scrolled the region
 * inside `around` (so a scroll carries on where it was). Until then the server's rows stay. The list's
 * first render is a transition: React renders it in slices between the reader's scroll frames, so the
 * hand-over is no long task.
 */
export function useLiveList<P>(load: () => Promise<ComponentType<P>>) {
  const [live, setLive] = useState<{ List: ComponentType<P>; scrollTop: number } | null>(null);
  const around = useRef<HTMLDivElement>(null);
  const loading = useRef<Promise<ComponentType<P>> | null>(null);
  const started = useRef(false);
  const preload = useCallback(() => (loading.current ??= load()), [load]);
  const start = useCallback(() => {
    if (started.current) return;
    started.current = true;
    void preload().then((List) =>
      startTransition(() => setLive({ List, scrollTop: around.current?.querySelector('[role="region"]')?.scrollTop ?? 0 })),
    );
  }, [preload]);
  return { live, around, preload, start };
}
