import type { ReactNode } from "react";
import { Skeleton } from "./skeleton";
import { ErrorNotice } from "./source-error-notice";

/** What QueryView reads of a react-query result (so it does not import react-query itself). */
export type QueryLike<T> = { isPending: boolean; isError: boolean; error: unknown; data: T | undefined };

type Props<T> = {
  query: QueryLike<T>;
  /** What the skeleton says while the answer is on its way. */
  loadingLabel: string;
  /** The heading of the notice when the answer failed (the notice adds what the error code means). */
  errorTitle: string;
  skeletonRows?: number;
  children: (data: T) => ReactNode;
};

/** One answer's three states: a skeleton while it loads, the error notice for its code, or the answer as `children` shows it. */
export function QueryView<T>({ query, loadingLabel, errorTitle, skeletonRows = 4, children }: Props<T>) {
  if (query.isPending) return <Skeleton label={loadingLabel} rows={skeletonRows} />;
  if (query.isError) return <ErrorNotice error={query.error} title={errorTitle} />;
  return query.data === undefined ? null : children(query.data);
}
