import type { ConsentRecord } from "./consent";
import { statusBody } from "./consent-status";
import { ConsumerToken, failureReason, SafeError, type ProviderKeys } from "./consumer-token";
import type { SandboxOptions, SandboxState } from "./state";

export type NotifierLink = NonNullable<SandboxOptions["notifiers"]>[number];

/** The waits before the second and the third try: a consumer restarting or briefly busy gets a moment, a down one is given up on soon. */
const RETRY_DELAYS_MS = [500, 2_000];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * A Provider that pushes (Edu-V "Melding-bevestiging"): every change of the consumer's registrations
 * at this Source (decided, revoked) is PUT to its /consent/notifications as a ConsentStatus, with a
 * client-credentials token the Source gets by private_key_jwt. Notifications go one at a time, in
 * the order of the changes, so a consumer never sees a revoke before the confirmation it follows.
 */
export class ConsentNotifier {
  sent = 0;
  failed = 0;
  retries = 0;
  pending = 0;
  lastError?: string;
  private queue: Promise<void> = Promise.resolve();
  // Bumped on reset: what was queued before is dropped, and counts nowhere.
  private epoch = 0;
  private readonly tokens: ConsumerToken;

  constructor(
    private readonly state: SandboxState,
    readonly link: NotifierLink,
    keys: ProviderKeys,
  ) {
    this.tokens = new ConsumerToken(link, keys.get(link.sourceId), state.now);
  }

  /** Queues a notification if the change is this consumer's at this Source and the Source pushes (knob consentPush). */
  notify(record: Readonly<ConsentRecord>) {
    if (record.sourceId !== this.link.sourceId || record.clientId !== this.link.consumerClientId) return;
    if (!this.state.knobs.get(this.link.sourceId).consentPush) return;
    // The record changes on; the notification says what it was at this change.
    const body = JSON.stringify(statusBody(record));
    const epoch = this.epoch;
    this.pending++;
    this.queue = this.queue
      .then(() => this.deliver(body, epoch))
      .finally(() => {
        if (epoch === this.epoch) this.pending--;
      });
  }

  /** Resolves once every notification queued so far (and any queued meanwhile) is delivered or given up on. */
  async settled(): Promise<void> {
    for (let q = this.queue; ; q = this.queue) {
      await q;
      if (q === this.queue) return;
    }
  }

  reset() {
    this.epoch++;
    this.sent = this.failed = this.retries = this.pending = 0;
    this.lastError = undefined;
  }

  stats() {
    return {
      sourceId: this.link.sourceId,
      consumerClientId: this.link.consumerClientId,
      notificationsUrl: this.link.notificationsUrl,
      sent: this.sent,
      failed: this.failed,
      retries: this.retries,
      pending: this.pending,
      lastError: this.lastError ?? null,
    };
  }

  /** Tries a few times; never throws. A notification given up on is counted and logged once, without its body or token. */
  private async deliver(body: string, epoch: number) {
    const delays = this.link.retryDelaysMs ?? RETRY_DELAYS_MS;
    let reason = "";
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) await sleep(delays[attempt - 1]!);
      if (epoch !== this.epoch) return;
      if (attempt > 0) this.retries++;
      try {
        await this.put(body);
        if (epoch !== this.epoch) return;
        this.sent++;
        this.lastError = undefined;
        return;
      } catch (err) {
        reason = failureReason(err);
      }
    }
    if (epoch !== this.epoch) return;
    this.failed++;
    this.lastError = reason;
    console.warn(
      `consent notification ${this.link.sourceId} → ${new URL(this.link.notificationsUrl).origin}: ${reason}, given up after ${delays.length + 1} tries`,
    );
  }

  private async put(body: string) {
    const res = await fetch(this.link.notificationsUrl, {
      method: "PUT",
      headers: { authorization: `Bearer ${await this.tokens.get()}`, "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel();
    if (res.status === 401) this.tokens.forget();
    if (res.status < 200 || res.status > 299) throw new SafeError(`notification HTTP ${res.status}`);
  }
}

/** The notifying Sources of one sandbox: a notifier per consumer, each told of every change in the registry. */
export function createNotifiers(state: SandboxState, links: NotifierLink[], keys: ProviderKeys) {
  const notifiers = links.map((link) => new ConsentNotifier(state, link, keys));
  state.consent.onChange((record) => notifiers.forEach((n) => n.notify(record)));
  return {
    notifiers,
    reset: () => notifiers.forEach((n) => n.reset()),
    settled: async () => void (await Promise.all(notifiers.map((n) => n.settled()))),
    stats: () => notifiers.map((n) => n.stats()),
  };
}

export type Notifiers = ReturnType<typeof createNotifiers>;
