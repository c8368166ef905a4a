import { z } from "zod";
import { consentRequestSchema } from "./consent";
import { ConsumerToken, failureReason, SafeError, type ProviderKeys } from "./consumer-token";
import { schoolOf, schoolRefSchema } from "./guard";
import { sourceById } from "./sources";
import type { SandboxOptions, SandboxState } from "./state";

export type ConsumerLink = NonNullable<SandboxOptions["consumers"]>[number];

/** Each poll asks again for this much before the previous one started: a request committed late at the consumer is not missed. */
const OVERLAP_MS = 5_000;
/**
 * In the demo and the tests the consumer starts alongside the sandbox, and its first answer can take
 * longer than a poll's 10 s on a busy machine (opening and migrating its store): until it has been
 * reached once, an unreachable consumer is logged only after this long. Its errors are logged at once.
 */
const STARTUP_GRACE_MS = 60_000;
const requestItemSchema = consentRequestSchema.extend({ school: schoolRefSchema });

/**
 * A Provider without push (Edu-V "Bevraging"): it collects the consent requests addressed to it from
 * the consumer's GET /consent/requests, with a client-credentials token it gets by private_key_jwt.
 */
export class ConsentPoller {
  polls = 0;
  failures = 0;
  received = 0;
  lastError?: string;
  private cursor?: string;
  private readonly tokens: ConsumerToken;
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;
  // Bumped on reset, so a poll still running then moves no cursor and registers nothing.
  private epoch = 0;
  private readonly createdAt: number;
  private reached = false;
  private lastLogged?: string;

  constructor(
    private readonly state: SandboxState,
    readonly link: ConsumerLink,
    keys: ProviderKeys,
  ) {
    this.createdAt = state.now();
    this.tokens = new ConsumerToken(link, keys.get(link.sourceId), state.now);
  }

  start() {
    this.timer ??= setInterval(() => void this.pollOnce(), this.link.intervalMs);
    this.timer.unref();
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * A reset Provider forgets every request it had and, like one newly installed, collects only those
   * changed from now on: requests a consumer made before (other tests, earlier demos) stay forgotten.
   */
  reset() {
    this.epoch++;
    this.cursor = new Date(this.state.now()).toISOString();
    this.polls = this.failures = this.received = 0;
    this.lastError = this.lastLogged = undefined;
  }

  /** One round; a round still running is joined, not doubled. Never throws: a failure is logged and retried next round. */
  pollOnce(): Promise<void> {
    this.inFlight ??= this.round().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  stats() {
    return {
      sourceId: this.link.sourceId,
      requestsUrl: this.link.requestsUrl,
      polls: this.polls,
      failures: this.failures,
      received: this.received,
      since: this.cursor ?? null,
      lastError: this.lastError ?? null,
    };
  }

  private async round() {
    const epoch = this.epoch;
    const startedAt = this.state.now();
    this.polls++;
    try {
      const url = new URL(this.link.requestsUrl);
      if (this.cursor) url.searchParams.set("since", this.cursor);
      const res = await fetch(url, {
        headers: { authorization: `Bearer ${await this.tokens.get()}`, accept: "application/json" },
        signal: AbortSignal.timeout(10_000),
      });
      this.reached = true;
      if (res.status === 401) this.tokens.forget();
      if (res.status !== 200) {
        await res.body?.cancel();
        throw new SafeError(`requests HTTP ${res.status}`);
      }
      const items = z.array(z.unknown()).safeParse(await res.json().catch(() => undefined));
      if (!items.success) throw new SafeError("requests answer is not a JSON array");
      if (epoch !== this.epoch) return;
      for (const item of items.data) this.register(item);
      this.cursor = new Date(startedAt - OVERLAP_MS).toISOString();
      this.lastError = this.lastLogged = undefined;
    } catch (err) {
      this.failures++;
      const reason = failureReason(err);
      this.lastError = reason;
      const reached = this.reached || this.tokens.reached;
      const starting = !(err instanceof SafeError) && !reached && this.state.now() - this.createdAt < STARTUP_GRACE_MS;
      // Once per new reason: a consumer that is down would otherwise fill the log every round.
      if (!starting && reason !== this.lastLogged)
        console.warn(`consent poll ${this.link.sourceId} → ${new URL(this.link.requestsUrl).origin}: ${reason}`);
      if (!starting) this.lastLogged = reason;
    }
  }

  /** Registers an item as a PUT would; one the Source cannot place (invalid, a school it does not serve) is skipped. */
  private register(item: unknown) {
    const parsed = requestItemSchema.safeParse(item);
    const school = parsed.success ? schoolOf(parsed.data.school) : undefined;
    if (!parsed.success || !school || !sourceById(this.link.sourceId)?.schools.includes(school.orgMasterId)) return;
    const { consumerReferenceId, api, scopes } = parsed.data;
    const outcome = this.state.receiveConsentRequest({
      consumerReferenceId,
      sourceId: this.link.sourceId,
      clientId: this.link.consumerClientId,
      orgMasterId: school.orgMasterId,
      school: (item as { school: Record<string, unknown> }).school,
      api,
      scopes,
    });
    if (outcome === "received") this.received++;
  }
}

/** The polling Sources of one sandbox: a poller per consumer, each signing with its Source's key (consumer-token.ts). */
export function createPollers(state: SandboxState, links: ConsumerLink[], keys: ProviderKeys) {
  const pollers = links.map((link) => new ConsentPoller(state, link, keys));
  return {
    pollers,
    start: () => pollers.forEach((p) => p.start()),
    stop: () => pollers.forEach((p) => p.stop()),
    reset: () => pollers.forEach((p) => p.reset()),
    pollOnce: async () => void (await Promise.all(pollers.map((p) => p.pollOnce()))),
    stats: () => pollers.map((p) => p.stats()),
  };
}

export type Pollers = ReturnType<typeof createPollers>;
