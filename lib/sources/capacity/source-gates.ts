import { limits } from "@/lib/limits/numbers";
import { FairQueue, type Permits } from "./fair-queue";
import type { SourceConfig } from "../config";

/**
 * One fair queue per Source (maxConcurrentCalls at once), shared by every client of the process
 * that is given the same gates: the routes' client and the consent worker's, so the worker is one
 * more caller in the same turns. `permits`, when given, adds the limit shared with other processes.
 */
export class SourceGates {
  private readonly queues = new Map<string, FairQueue>();

  constructor(private readonly opts: { permits?: (source: SourceConfig) => Permits; bounds?: { perCaller: number; total: number } } = {}) {}

  queue(source: SourceConfig): FairQueue {
    let queue = this.queues.get(source.id);
    if (!queue) {
      const l = limits();
      queue = new FairQueue(
        source.maxConcurrentCalls,
        this.opts.bounds ?? { perCaller: l.queuePerUser, total: l.queueTotal },
        this.opts.permits?.(source),
      );
      this.queues.set(source.id, queue);
    }
    // A reloaded sources file may change the limit: the queue follows it.
    queue.limit = source.maxConcurrentCalls;
    return queue;
  }
}
