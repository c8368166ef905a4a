import { z } from "zod";
import { SCHOOLS } from "./data/schools";
import { matches, type StatusFilter } from "./consent-status";
import { CONSENT_GAPS, SOURCES, type ClientRegistration } from "./sources";

export const CONSENT_APIS = [
  "students-api",
  "employees-api",
  "education-api",
  "association-api",
  "delivery-api",
  "entitlement-api",
  "usage-api",
  "progress-api",
  "results-api",
] as const;

/** A ConsentRequest without its school (the guard or the poller resolves that). */
export const consentRequestSchema = z.object({
  consumerReferenceId: z.string().min(1),
  api: z.enum(CONSENT_APIS),
  scopes: z.array(z.string().min(1)).min(1),
  consumerStatus: z.string().min(1),
});

export type ProviderStatus = "requested" | "confirmed" | "refused" | "revoked";
export type Decision = "confirm" | "refuse";

/** A consent request as the Provider registered it; `school` is the SchoolReference the consumer sent. */
export type ConsentRecord = {
  consumerReferenceId: string;
  sourceId: string;
  /** The consumer's client id at this Source: the key consent is granted under. */
  clientId: string;
  orgMasterId: string;
  school: Record<string, unknown>;
  api: string;
  scopes: string[];
  status: ProviderStatus;
  providerReferenceId?: string;
  changedAt: string;
};

export type ReceivedRequest = Omit<ConsentRecord, "status" | "providerReferenceId" | "changedAt">;

/** A PUT /consent/revokes the Source accepted (202), as the consumer named the registration: for the e2e tests' "the Provider recorded the revoke". */
export type ReceivedRevoke = {
  consumerReferenceId: string | null;
  providerReferenceId: string | null;
  sourceId: string;
  clientId: string;
  orgMasterId: string;
  api: string;
  /** False for a revoke of what was already revoked (or refused): received, nothing changed. */
  changed: boolean;
  receivedAt: string;
};

const API_OF_KIND: Record<string, string[]> = {
  las: ["students-api", "association-api"],
  licentieregistratie: ["usage-api"],
  aanspraakmanager: ["usage-api"],
};

/**
 * Consent is registered where the data lives: per Source, client, school (OnderwijsaanbiederId) and API.
 * Requests from consumers are kept as records that the school's administrator (an admin call or the
 * consentDecision knob) confirms or refuses, and may revoke later.
 */
export class ConsentRegistry {
  private readonly granted = new Set<string>();
  private readonly records = new Map<string, ConsentRecord>();
  private readonly issued = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Consent held from the start that the consumer revoked, by key: reported as revoked from then on, no longer as held. */
  private readonly heldRevoked = new Map<string, ConsentRecord>();
  private readonly revokes: ReceivedRevoke[] = [];
  private readonly listeners: Array<(record: Readonly<ConsentRecord>) => void> = [];
  /** When the consent held from the start counts as registered: the (re)start of the sandbox, so a consumer polling since an earlier moment finds it. */
  private heldSince = "";

  constructor(
    private readonly clients: ClientRegistration[],
    private readonly now: () => number = Date.now,
  ) {
    this.reset();
  }

  private static key(sourceId: string, clientId: string, orgMasterId: string, api: string) {
    return `${sourceId}|${clientId}|${orgMasterId}|${api}`;
  }

  reset() {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.records.clear();
    this.heldRevoked.clear();
    this.revokes.length = 0;
    this.issued.clear();
    this.granted.clear();
    this.heldSince = new Date(this.now()).toISOString();
    for (const source of SOURCES) {
      for (const client of this.clients.filter((c) => c.seedConsent !== false && c.sources.includes(source.id))) {
        for (const school of SCHOOLS.filter((s) => source.schools.includes(s.orgMasterId))) {
          for (const api of API_OF_KIND[source.kind] ?? []) {
            if (!CONSENT_GAPS.some((g) => g.source === source.id && g.school === school.orgMasterId && g.api === api)) {
              this.granted.add(ConsentRegistry.key(source.id, client.clientId, school.orgMasterId, api));
            }
          }
        }
      }
    }
  }

  /** Called with the record whenever a registration's status changes (decided, revoked): a notifying Provider pushes it. */
  onChange(listener: (record: Readonly<ConsentRecord>) => void) {
    this.listeners.push(listener);
  }

  private changed(record: ConsentRecord) {
    for (const listener of this.listeners) listener(record);
  }

  has(sourceId: string, clientId: string, orgMasterId: string, api: string) {
    return this.granted.has(ConsentRegistry.key(sourceId, clientId, orgMasterId, api));
  }

  set(sourceId: string, clientId: string, orgMasterId: string, api: string, granted: boolean) {
    const key = ConsentRegistry.key(sourceId, clientId, orgMasterId, api);
    if (granted) this.granted.add(key);
    else this.granted.delete(key);
  }

  get(consumerReferenceId: string): ConsentRecord | undefined {
    return this.records.get(consumerReferenceId);
  }

  /**
   * Registers a request once: the same consumerReferenceId again changes nothing ("known"), unless it
   * names another Source, client, school, API or scopes ("conflict").
   */
  receive(request: ReceivedRequest): "received" | "known" | "conflict" {
    const known = this.records.get(request.consumerReferenceId);
    if (known) {
      const same = (r: ReceivedRequest) => JSON.stringify([r.sourceId, r.clientId, r.school, r.api, r.scopes]);
      return same(known) === same(request) ? "known" : "conflict";
    }
    this.records.set(request.consumerReferenceId, { ...request, status: "requested", changedAt: this.stamp() });
    return "received";
  }

  /** The administrator's answer to a request still open; a confirmation grants consent and gets the Provider's reference. */
  decide(consumerReferenceId: string, decision: Decision): ConsentRecord | undefined {
    const r = this.records.get(consumerReferenceId);
    if (r?.status !== "requested") return undefined;
    clearTimeout(this.timers.get(consumerReferenceId));
    this.timers.delete(consumerReferenceId);
    if (decision === "confirm") {
      const n = (this.issued.get(r.sourceId) ?? 0) + 1;
      this.issued.set(r.sourceId, n);
      r.providerReferenceId = `${r.sourceId}-${String(n).padStart(4, "0")}`;
      this.set(r.sourceId, r.clientId, r.orgMasterId, r.api, true);
    }
    r.status = decision === "confirm" ? "confirmed" : "refused";
    r.changedAt = this.stamp();
    this.changed(r);
    return r;
  }

  /** Decides after `delayMs` (the consentDecision knob); 0 decides at once, so nothing is left hanging. */
  decideLater(consumerReferenceId: string, decision: Decision, delayMs: number) {
    if (!delayMs) return void this.decide(consumerReferenceId, decision);
    const timer = setTimeout(() => {
      this.timers.delete(consumerReferenceId);
      this.decide(consumerReferenceId, decision);
    }, delayMs);
    timer.unref();
    this.timers.set(consumerReferenceId, timer);
  }

  /** The school's administrator withdraws confirmed consent (the admin call); the Provider's reference stays with the record. */
  revoke(consumerReferenceId: string): ConsentRecord | undefined {
    const r = this.records.get(consumerReferenceId);
    if (r?.status !== "confirmed") return undefined;
    this.withdraw(r);
    return r;
  }

  /**
   * A registration of this client at this Source by the Provider's reference: a confirmed (or since
   * revoked) request's, or that of consent held from the start (`held()`), revoked or not.
   */
  byProviderReference(sourceId: string, clientId: string, providerReferenceId: string): ConsentRecord | undefined {
    return [...this.records.values(), ...this.heldRevoked.values(), ...this.held(sourceId, clientId)].find(
      (r) => r.sourceId === sourceId && r.clientId === clientId && r.providerReferenceId === providerReferenceId,
    );
  }

  /**
   * The consumer withdraws a registration (PUT /consent/revokes): consent is gone and the record says
   * revoked from now on. A request still open is revoked too (its pending decision cancelled); one
   * already revoked or refused holds no consent, so nothing changes. False when nothing changed.
   */
  withdraw(r: ConsentRecord): boolean {
    if (r.status === "revoked" || r.status === "refused") return false;
    this.set(r.sourceId, r.clientId, r.orgMasterId, r.api, false);
    if (r.consumerReferenceId) {
      clearTimeout(this.timers.get(r.consumerReferenceId));
      this.timers.delete(r.consumerReferenceId);
    }
    // A held registration comes fresh from held(): kept from now on, it is reported as revoked.
    else this.heldRevoked.set(ConsentRegistry.key(r.sourceId, r.clientId, r.orgMasterId, r.api), r);
    r.status = "revoked";
    r.changedAt = this.stamp();
    this.changed(r);
    return true;
  }

  recordRevoke(revoke: Omit<ReceivedRevoke, "receivedAt">) {
    this.revokes.push({ ...revoke, receivedAt: this.stamp() });
  }

  /** The school's administrator approves a pending request: consent is in place from now on. */
  approve(consumerReferenceId: string): boolean {
    return this.decide(consumerReferenceId, "confirm") !== undefined;
  }

  /**
   * The records of one Source and client changed strictly after `since`, oldest change first. Revoked
   * held consent is a record like a request's: reported whether or not the held consent is.
   */
  statuses(sourceId: string, clientId: string, filter: StatusFilter = {}, options: { held?: boolean } = {}): ConsentRecord[] {
    return [...this.records.values(), ...this.heldRevoked.values(), ...(options.held ? this.held(sourceId, clientId) : [])]
      .filter((r) => r.sourceId === sourceId && r.clientId === clientId && matches(r, filter))
      .sort((a, b) => Date.parse(a.changedAt) - Date.parse(b.changedAt) || a.consumerReferenceId.localeCompare(b.consumerReferenceId));
  }

  /**
   * Consent this Source held before the consumer asked anything (granted at the start, for every
   * pair but the gaps): reported as a Provider would, a confirmed status without a
   * consumerReferenceId (the consumer never sent one), with the Provider's own reference and the moment
   * the sandbox (re)started as the moment it was registered. A pair the consumer has since asked about
   * is reported by its request instead, and one it revoked by its revoked record.
   */
  private held(sourceId: string, clientId: string): ConsentRecord[] {
    const asked = new Set(
      [...this.records.values()].filter((r) => r.sourceId === sourceId && r.clientId === clientId).map((r) => `${r.orgMasterId}|${r.api}`),
    );
    return [...this.granted].flatMap((key) => {
      const [source, client, orgMasterId, api] = key.split("|") as [string, string, string, string];
      if (source !== sourceId || client !== clientId || asked.has(`${orgMasterId}|${api}`) || this.heldRevoked.has(key)) return [];
      return [
        {
          consumerReferenceId: "",
          sourceId,
          clientId,
          orgMasterId,
          school: { organisationMasterIdentifier: orgMasterId },
          api,
          scopes: [],
          status: "confirmed" as const,
          providerReferenceId: `${sourceId}-held-${orgMasterId}-${api}`,
          changedAt: this.heldSince,
        },
      ];
    });
  }

  list() {
    const requests = [...this.records.values()];
    return {
      granted: [...this.granted].map((k) => {
        const [sourceId, clientId, orgMasterId, api] = k.split("|");
        return { sourceId, clientId, orgMasterId, api };
      }),
      pending: requests
        .filter((r) => r.status === "requested")
        .map((r) => ({
          consumerReferenceId: r.consumerReferenceId,
          sourceId: r.sourceId,
          orgMasterId: r.orgMasterId,
          api: r.api,
          receivedAt: r.changedAt,
        })),
      requests,
      revokes: [...this.revokes],
    };
  }

  private stamp() {
    return new Date(this.now()).toISOString();
  }
}
