/**
 * Runs `fn` over `items` with at most `limit` running at a time, in the items' order, and stops
 * taking new items once `signal` aborts (items already running finish). Each Source's own limit
 * still holds underneath (its queue, source-gates.ts): this bounds how much one piece of work puts
 * into those queues at once.
 */
export async function forEachAtMost<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
  opts: { signal?: AbortSignal; from?: number } = {},
): Promise<void> {
  let next = opts.from ?? 0;
  const worker = async () => {
    while (next < items.length && !opts.signal?.aborted) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(0, Math.min(limit, items.length - next)) }, worker));
}
