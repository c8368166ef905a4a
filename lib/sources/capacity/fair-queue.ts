/**
 * The calls waiting for one Source, served round-robin by caller (a staff member, or a background
 * worker under its own name) instead of first come, first served: a coverage run with hundreds of
 * calls waiting cannot hold up another person's lookup for more than one call slot, because a
 * caller with nothing waiting is served at the next free slot. Bounded per caller and in all.
 *
 * Written here because no library at hand serves waiters fairly by key under one shared limit:
 * cockatiel's bulkhead and p-limit are one FIFO; p-queue orders by priority, not by owner.
 *
 * Slots are this process's (`limit` at once). `permits`, when given, must also agree before a call
 * starts: the Source's limit shared with other processes through the store (source-slots.ts).
 */
import { CallCancelledError } from "./source-pause";

export type Release = () => void;
export type Refusal = { refused: "caller" | "total" };

/** A limit shared beyond this process: a permit per call, and a way to hear that one may be free. */
export interface Permits {
  /**
   * Up to `count` permits now (none: an empty list), one round trip for all of them;
   * `moreWaiting` says whether more calls wait than are asked for.
   */
  tryAcquire(count: number, moreWaiting: boolean): Promise<Release[]>;
  /** Calls `wake` when a permit may have come free elsewhere; returns how to stop listening. */
  whenFree(wake: () => void): () => void;
  /** Nothing waits here any more (all cancelled): no need to keep a place in a line. */
  idle?(): void;
}

type Waiter = { caller: string; grant: (release: Release) => void; fail: (err: unknown) => void; detach: () => void };

export class FairQueue {
  private running = 0;
  private waitingCount = 0;
  private readonly byCaller = new Map<string, Waiter[]>();
  /** Callers with waiters, in the order they are served; `turn` is the next one. */
  private ring: string[] = [];
  private turn = 0;
  /** Callers that joined since the last pick: each goes before the ring's next, in the order they came. */
  private joined = 0;
  private pumping = false;
  private stopListening: (() => void) | undefined;

  constructor(
    public limit: number,
    private readonly bounds: { perCaller: number; total: number },
    private readonly permits?: Permits,
  ) {}

  get waiting(): number {
    return this.waitingCount;
  }

  get active(): number {
    return this.running;
  }

  waitingOf(caller: string): number {
    return this.byCaller.get(caller)?.length ?? 0;
  }

  /** A slot for one call: its release (call it exactly once), a refusal when a bound is reached, or CallCancelledError on abort. */
  acquire(caller: string, signal?: AbortSignal): Promise<Release | Refusal> {
    if (signal?.aborted) return Promise.reject(new CallCancelledError());
    if (this.waitingOf(caller) >= this.bounds.perCaller) return Promise.resolve({ refused: "caller" });
    if (this.waitingCount >= this.bounds.total) return Promise.resolve({ refused: "total" });
    return new Promise<Release | Refusal>((resolve, reject) => {
      const onAbort = () => {
        this.remove(waiter);
        reject(new CallCancelledError());
      };
      const waiter: Waiter = {
        caller,
        grant: (release) => resolve(release),
        fail: reject,
        detach: () => signal?.removeEventListener("abort", onAbort),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.enqueue(waiter);
      void this.pump();
    });
  }

  private enqueue(waiter: Waiter): void {
    this.waitingCount++;
    const list = this.byCaller.get(waiter.caller);
    if (list) return void list.push(waiter);
    this.byCaller.set(waiter.caller, [waiter]);
    // A caller with nothing waiting goes next (after those who joined just before it), not to the back of the ring.
    this.ring.splice(this.turn + this.joined, 0, waiter.caller);
    this.joined++;
  }

  private remove(waiter: Waiter): void {
    const list = this.byCaller.get(waiter.caller);
    const i = list?.indexOf(waiter) ?? -1;
    if (!list || i < 0) return;
    list.splice(i, 1);
    this.waitingCount--;
    if (!list.length) this.leaveRing(waiter.caller);
    if (this.waitingCount === 0 && this.stopListening) {
      this.stopListening();
      this.stopListening = undefined;
      this.permits?.idle?.();
    }
  }

  /** ring[turn, turn + joined) are the callers who joined since the last pick; the rest keep their order. */
  private leaveRing(caller: string): void {
    this.byCaller.delete(caller);
    const at = this.ring.indexOf(caller);
    this.ring.splice(at, 1);
    if (at < this.turn) this.turn--;
    else if (at < this.turn + this.joined) this.joined--;
    if (this.turn >= this.ring.length) this.turn = 0;
  }

  /** The next caller's oldest waiter, taken off the queue; that caller then waits for everyone else's turn. */
  private pick(): Waiter | undefined {
    if (!this.ring.length) return undefined;
    this.joined = 0;
    const caller = this.ring[this.turn]!;
    const list = this.byCaller.get(caller)!;
    const waiter = list.shift()!;
    this.waitingCount--;
    if (list.length) this.turn = (this.turn + 1) % this.ring.length;
    else this.leaveRing(caller);
    return waiter;
  }

  /** Starts waiters while there are free slots (and permits); one pump at a time, since permits are asked for one by one. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.running < this.limit && this.waitingCount > 0) {
        const want = Math.min(this.limit - this.running, this.waitingCount);
        let permits: Release[] = Array.from({ length: want }, () => () => {});
        if (this.permits) {
          try {
            permits = await this.permits.tryAcquire(want, this.waitingCount > want);
          } catch (err) {
            // The shared limit cannot be asked (the store is down): fail closed, every waiter told now.
            this.failAll(err);
            return;
          }
          if (!permits.length) return this.listen();
        }
        for (const permit of permits) {
          // Waiters may have been cancelled while the permits were asked for: a permit nobody takes goes back.
          const waiter = this.running < this.limit ? this.pick() : undefined;
          if (!waiter) {
            permit();
            continue;
          }
          this.running++;
          waiter.detach();
          waiter.grant(this.releaser(permit));
        }
      }
    } finally {
      this.pumping = false;
    }
    this.stopListening?.();
    this.stopListening = undefined;
  }

  private releaser(permit: Release): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.running--;
      permit();
      void this.pump();
    };
  }

  /** Waits to hear that a permit may be free elsewhere, then pumps again. */
  private listen(): void {
    this.stopListening ??= this.permits!.whenFree(() => void this.pump());
  }

  private failAll(err: unknown): void {
    for (const list of this.byCaller.values())
      for (const w of list) {
        w.detach();
        w.fail(err);
      }
    this.byCaller.clear();
    this.ring = [];
    this.turn = 0;
    this.joined = 0;
    this.waitingCount = 0;
  }
}
