import { describe, expect, it } from "vitest";
import { FairQueue, type Permits, type Release } from "./fair-queue";
import { CallCancelledError } from "./source-pause";

const BIG = { perCaller: 1_000, total: 1_000 };
const tick = () => new Promise((r) => setTimeout(r, 0));

/** Asks for a slot and notes, in `order`, when it is granted; returns the release once granted. */
function ask(queue: FairQueue, caller: string, label: string, order: string[], signal?: AbortSignal) {
  return queue.acquire(caller, signal).then((slot) => {
    if (typeof slot !== "function") return slot;
    order.push(label);
    return slot;
  });
}

describe("the per-Source queue serves callers in turn", () => {
  it("one slot: a caller with six waiting and another with two are served alternately, each in its own order", async () => {
    const q = new FairQueue(1, BIG);
    const order: string[] = [];
    const slots = [1, 2, 3, 4, 5, 6].map((i) => ask(q, "A", `A${i}`, order));
    const b = [1, 2].map((i) => ask(q, "B", `B${i}`, order));
    for (const slot of [...slots, ...b]) void slot;
    for (let i = 0; i < 8; i++) {
      await tick();
      const last = order.at(-1)!;
      const release = (await (last.startsWith("A") ? slots[Number(last[1]) - 1] : b[Number(last[1]) - 1])) as Release;
      release();
    }
    // A2 had joined the queue before B1 did (both since the last slot was given); after that, turns.
    expect(order).toEqual(["A1", "A2", "B1", "A3", "B2", "A4", "A5", "A6"]);
  });

  it("a caller with nothing waiting gets the next free slot, however many another has waiting", async () => {
    const q = new FairQueue(4, BIG);
    const order: string[] = [];
    const a = Array.from({ length: 200 }, (_, i) => ask(q, "A", `A${i}`, order));
    await tick();
    expect([q.active, q.waiting]).toEqual([4, 196]);
    ((await a[0]) as Release)(); // one of A's calls ends: A5 starts
    await tick();
    const b = ask(q, "B", "B", order);
    ((await a[1]) as Release)(); // the next slot that frees goes to B, not to A's 195 others
    await b;
    expect(order.slice(4)).toEqual(["A4", "B"]);
  });

  it("refuses a caller past its bound and the queue past its total; others still wait", async () => {
    const q = new FairQueue(1, { perCaller: 3, total: 5 });
    const order: string[] = [];
    const a = Array.from({ length: 5 }, (_, i) => ask(q, "A", `A${i}`, order));
    await tick();
    expect(await a[4]).toEqual({ refused: "caller" }); // A0 runs, A1–A3 wait: a fourth waiting is one too many
    expect(q.waitingOf("A")).toBe(3);
    const b = [ask(q, "B", "B0", order), ask(q, "B", "B1", order), ask(q, "C", "C0", order)];
    expect(await b[2]).toEqual({ refused: "total" });
    expect(q.waiting).toBe(5);
  });

  it("a cancelled caller's waiting calls leave at once and are never started; the slot goes on to the others", async () => {
    const q = new FairQueue(1, BIG);
    const order: string[] = [];
    const abort = new AbortController();
    const first = ask(q, "A", "A0", order);
    const cancelled = Array.from({ length: 5 }, (_, i) => ask(q, "A", `A${i + 1}`, order, abort.signal).catch((e: unknown) => e));
    const b = ask(q, "B", "B0", order);
    await tick();
    abort.abort();
    expect((await Promise.all(cancelled)).every((e) => e instanceof CallCancelledError)).toBe(true);
    expect([q.waiting, q.waitingOf("A")]).toEqual([1, 0]);
    ((await first) as Release)();
    await b;
    expect(order).toEqual(["A0", "B0"]);
    await expect(q.acquire("A", abort.signal)).rejects.toBeInstanceOf(CallCancelledError);
  });
});

/** A limit of `n` shared by several queues, as the store shares it between processes. */
function sharedPermits(n: number) {
  const state = { used: 0, peak: 0, down: false, listeners: new Set<() => void>() };
  const permits: Permits = {
    async tryAcquire(count) {
      if (state.down) throw new Error("store unavailable");
      const got = Math.min(count, n - state.used);
      state.peak = Math.max(state.peak, (state.used += got));
      return Array.from({ length: got }, () => () => {
        state.used--;
        for (const wake of [...state.listeners]) wake();
      });
    },
    whenFree(wake) {
      state.listeners.add(wake);
      return () => state.listeners.delete(wake);
    },
  };
  return { state, permits };
}

describe("with a limit shared beyond the process", () => {
  it("two queues of 4 slots each never hold more than the 4 permits together, and both get through", async () => {
    const { state, permits } = sharedPermits(4);
    const queues = [new FairQueue(4, BIG, permits), new FairQueue(4, BIG, permits)];
    const work = queues.flatMap((q, p) =>
      Array.from({ length: 30 }, async () => {
        const release = (await q.acquire(`P${p}`)) as Release;
        await new Promise((r) => setTimeout(r, 2));
        release();
      }),
    );
    await Promise.all(work);
    expect([state.peak, state.used, queues[0]!.waiting + queues[1]!.waiting]).toEqual([4, 0, 0]);
  });

  it("fails closed: when the limit cannot be asked, every waiter hears so at once; later calls go through again", async () => {
    const { state, permits } = sharedPermits(1);
    const q = new FairQueue(2, BIG, permits);
    const held = (await q.acquire("A")) as Release;
    const waiting = [q.acquire("A"), q.acquire("B")].map((p) => p.catch((e: Error) => e.message));
    await tick();
    state.down = true;
    held(); // the release wakes the queue, whose next ask fails
    expect(await Promise.all(waiting)).toEqual(["store unavailable", "store unavailable"]);
    state.down = false;
    expect(typeof (await q.acquire("B"))).toBe("function");
  });
});
