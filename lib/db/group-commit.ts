/**
 * Group commit: items that arrive within a short window (and while the previous write is still
 * going) are written together by one call of `write`, e.g. one multi-row INSERT instead of one
 * statement per request. Each `add` resolves only once the write holding its item has finished,
 * and rejects with that write's error, so a caller that awaits it knows its item is stored: nothing
 * is acknowledged before it is durable, and a failed write fails every caller whose item it held.
 */
export type GroupCommit<T> = { add(item: T): Promise<void> };

type Waiter<T> = { item: T; resolve: () => void; reject: (err: unknown) => void };

export function groupCommit<T>(write: (items: T[]) => Promise<void>, opts: { windowMs?: number; maxItems?: number } = {}): GroupCommit<T> {
  const windowMs = opts.windowMs ?? 2;
  const maxItems = opts.maxItems ?? 500;
  let pending: Waiter<T>[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing = false;

  async function flush(): Promise<void> {
    timer = undefined;
    if (writing || !pending.length) return;
    writing = true;
    const batch = pending.slice(0, maxItems);
    pending = pending.slice(batch.length);
    try {
      await write(batch.map((w) => w.item));
      for (const w of batch) w.resolve();
    } catch (err) {
      for (const w of batch) w.reject(err);
    } finally {
      writing = false;
      // What arrived meanwhile goes next, at once: it has waited for a whole write already.
      if (pending.length) void flush();
    }
  }

  return {
    add(item) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        if (writing) return; // the running write's end starts the next one
        if (pending.length >= maxItems) {
          clearTimeout(timer);
          void flush();
        } else timer ??= setTimeout(() => void flush(), windowMs);
      });
    },
  };
}
