"use client";

import { useRef, useState } from "react";

type State<V, R> =
  | { status: "idle"; data?: undefined; error?: undefined; variables?: undefined }
  | { status: "pending"; data?: undefined; error?: undefined; variables: V }
  | { status: "success"; data: R; error?: undefined; variables: V }
  | { status: "error"; data?: undefined; error: unknown; variables: V };

type Callbacks<V, R> = {
  /** Runs after the answer and before it is shown (awaited): a failure here fails the action. */
  onSuccess?: (data: R, variables: V) => unknown;
  /** Runs after the answer or the failure (awaited), before either is shown. */
  onSettled?: () => unknown;
};

/**
 * A request a click starts (a save, a send, a check, a withdrawal): whether it runs, its answer or why
 * it failed, and what it was asked with. Kept in the component's memory only, without react-query;
 * the callbacks run even when the component has gone (a refreshed matrix may remove a form), and
 * only the latest request's outcome is shown.
 */
export function useAction<V, R>(run: (variables: V) => Promise<R>, callbacks: Callbacks<V, R> = {}) {
  const [state, setState] = useState<State<V, R>>({ status: "idle" });
  const latest = useRef(0);
  const go = async (variables: V) => {
    const mine = ++latest.current;
    setState({ status: "pending", variables });
    let next: State<V, R>;
    try {
      const data = await run(variables);
      await callbacks.onSuccess?.(data, variables);
      next = { status: "success", data, variables };
    } catch (error) {
      next = { status: "error", error, variables };
    }
    await callbacks.onSettled?.();
    if (mine === latest.current) setState(next);
  };
  return {
    ...state,
    mutate: (variables: V) => void go(variables),
    isPending: state.status === "pending",
    isError: state.status === "error",
    isSuccess: state.status === "success",
  };
}
