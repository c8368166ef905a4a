import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { Client } from "pg";
import type { Db } from "@/lib/db/client";
import { SLOT_CHANNEL, ensureSlots, leaveLine, releaseSlot, renewSlots, takeSlots } from "@/lib/db/source-slots";
import type { Permits, Release } from "@/lib/sources/capacity/fair-queue";
import type { SourceConfig } from "@/lib/sources/config";

export type StoreSlotsOptions = {
  db: () => Promise<Db>;
  /** For LISTEN: a connection of its own (a pooled one may be handed to someone else between notifications). */
  databaseUrl: string;
  /** A held slot's lease; renewed every third of it while the call runs. A killed process's slots are free after at most this long. */
  leaseSeconds?: number;
  /** A place in the waiting line lasts this long unless asked again (every pollMs while waiting). */
  waitSeconds?: number;
  /** While calls wait: how often to ask again besides being told (NOTIFY) that a slot was released. */
  pollMs?: number;
  /** A store that does not answer within this long counts as unavailable (the calls waiting are told "busy"). */
  answerWithinMs?: number;
};

/**
 * This process's side of the slots in PostgreSQL (lib/db/source-slots.ts): permits for the
 * per-Source queues, leases renewed while calls run, and a wake-up when another process releases
 * a slot (LISTEN, with polling as the fallback for lost notifications, dead processes' leases and
 * a lost connection). One per process.
 */
export class StoreSlots {
  readonly holder = `${hostname()}/${process.pid}/${randomBytes(4).toString("hex")}`;
  private readonly held = new Set<string>();
  private readonly wakers = new Map<string, Set<() => void>>();
  private readonly ensured = new Map<string, number>();
  private listener: Promise<Client | undefined> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private poller: NodeJS.Timeout | undefined;
  private readonly leaseSeconds: number;
  private readonly waitSeconds: number;
  private readonly pollMs: number;

  constructor(private readonly opts: StoreSlotsOptions) {
    this.leaseSeconds = opts.leaseSeconds ?? 30;
    this.waitSeconds = opts.waitSeconds ?? 2;
    this.pollMs = opts.pollMs ?? 100;
  }

  permitsFor = (source: SourceConfig): Permits => ({
    tryAcquire: (count, moreWaiting) => within(this.take(source, count, moreWaiting), this.opts.answerWithinMs ?? 5_000),
    whenFree: (wake) => this.subscribe(source.id, wake),
    idle: () =>
      void this.opts
        .db()
        .then((db) => leaveLine(db, source.id, this.holder))
        .catch(() => undefined),
  });

  private async take(source: SourceConfig, count: number, moreWaiting: boolean): Promise<Release[]> {
    // Listening from the first call on: a nudge sent before the LISTEN is in place would be lost to a poll's wait.
    this.listener ??= this.listen();
    const db = await this.opts.db();
    if ((this.ensured.get(source.id) ?? 0) < source.maxConcurrentCalls) {
      await ensureSlots(db, source.id, source.maxConcurrentCalls);
      this.ensured.set(source.id, source.maxConcurrentCalls);
    }
    const slots = await takeSlots(db, {
      sourceId: source.id,
      holder: this.holder,
      limit: source.maxConcurrentCalls,
      leaseSeconds: this.leaseSeconds,
      waitSeconds: this.waitSeconds,
      moreWaiting,
      count,
    });
    if (slots.length) this.heartbeat ??= unref(setInterval(() => this.renew(), (this.leaseSeconds * 1000) / 3));
    return slots.map((slot) => {
      const key = `${source.id}:${slot}`;
      this.held.add(key);
      return () => {
        this.held.delete(key);
        // Not awaited by the call; a release that fails leaves the slot to its lease, which is no longer renewed.
        releaseSlot(db, source.id, slot, this.holder).catch(() => undefined);
      };
    });
  }

  private renew(): void {
    if (!this.held.size) return;
    this.opts
      .db()
      .then((db) => renewSlots(db, this.holder, [...this.held], this.leaseSeconds))
      .catch(() => undefined);
  }

  private subscribe(sourceId: string, wake: () => void): () => void {
    let set = this.wakers.get(sourceId);
    if (!set) this.wakers.set(sourceId, (set = new Set()));
    set.add(wake);
    this.listener ??= this.listen();
    this.poller ??= unref(setInterval(() => this.wakeAll(), this.pollMs));
    return () => {
      set.delete(wake);
      if (!set.size) this.wakers.delete(sourceId);
      if (!this.wakers.size && this.poller) {
        clearInterval(this.poller);
        this.poller = undefined;
      }
    };
  }

  private wakeAll(): void {
    for (const set of this.wakers.values()) for (const wake of [...set]) wake();
  }

  private async listen(): Promise<Client | undefined> {
    const client = new Client({ connectionString: this.opts.databaseUrl });
    const lost = () => {
      this.listener = undefined;
      client.end().catch(() => undefined);
    };
    client.on("error", lost);
    client.on("notification", (n) => {
      const [sourceId = "", from] = (n.payload ?? "").split(" ");
      if (from === this.holder) return; // its own nudge: meant for the process ahead of it
      for (const wake of [...(this.wakers.get(sourceId) ?? [])]) wake();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${SLOT_CHANNEL}`);
      // The connection must not keep a process alive that has nothing else to do.
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      return client;
    } catch {
      lost();
      return undefined;
    }
  }

  /** Tests and shutdown: stop the timers and the LISTEN connection (held slots are left to their leases). */
  async close(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    if (this.heartbeat) clearInterval(this.heartbeat);
    const client = await this.listener;
    await client?.end().catch(() => undefined);
  }
}

/** The store's answer, or an error when it takes longer than `ms` (a hung connection must not hold the queue). */
function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`store did not answer within ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function unref(timer: NodeJS.Timeout): NodeJS.Timeout {
  timer.unref();
  return timer;
}
