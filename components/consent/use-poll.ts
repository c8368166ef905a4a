"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { getJson } from "@/components/lists/api";

/** A first answer the page read on the server: the answer, or why it could not be read; `at` is when. */
export type FirstAnswer<T> = { data: T; error?: undefined; at: number } | { data?: undefined; error: unknown; at: number };

type State<T> = { url: string; data: T | undefined; updatedAt: number; error: unknown; settled: boolean };

/**
 * A BFF answer read with GET and, with `interval` (ms), read again that long after each answer:
 * without react-query, so the page that polls does without its code. `first` is the answer the
 * server rendered for the first URL (its next read waits the interval). While another URL is on
 * its way the previous answer stays shown (`pending`); a URL whose first read fails shows no answer,
 * a later failure keeps the answer and says why (`error`) until a read succeeds. Each read after
 * the first of a URL is in the background: a poll is not activity (components/lists/api.ts). No read
 * is made while the tab is hidden. `refresh` reads now and resolves once the answer is kept.
 */
export function usePoll<T>(url: string, opts: { interval?: number; first?: FirstAnswer<T> } = {}) {
  const { interval, first } = opts;
  const [state, setState] = useState<State<T>>(() => ({
    url,
    data: first?.data,
    updatedAt: first?.data === undefined ? 0 : first.at,
    error: first?.error ?? null,
    settled: first !== undefined,
  }));
  // The URL whose answer is kept (its reads are in the background), the latest read (an older one's answer is dropped) and whether the server's answer stands.
  const kept = useRef(first?.data === undefined ? null : url);
  const latest = useRef(0);
  const served = useRef(first !== undefined);

  const refresh = useCallback(async () => {
    const mine = ++latest.current;
    try {
      const data = await getJson<T>(url, { background: kept.current === url });
      if (mine !== latest.current) return;
      kept.current = url;
      setState({ url, data, updatedAt: Date.now(), error: null, settled: true });
    } catch (error) {
      if (mine !== latest.current) return;
      setState((s) =>
        s.url === url && s.data !== undefined
          ? { ...s, error, settled: true }
          : { url, data: undefined, updatedAt: 0, error, settled: true },
      );
    }
  }, [url]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      if (document.visibilityState !== "hidden") await refresh();
      if (!stopped && interval) timer = setTimeout(tick, interval);
    };
    if (served.current && interval) timer = setTimeout(tick, interval);
    else if (!served.current) void tick();
    served.current = false;
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [refresh, interval]);

  const current = state.url === url;
  return {
    data: state.data,
    updatedAt: state.updatedAt,
    error: current ? state.error : null,
    pending: !current || !state.settled,
    refresh,
  };
}
