import { SCHOOLS } from "./data/schools";
import { CONSENT_GAPS, SOURCES, type ClientRegistration } from "./sources";

export type PendingRequest = { sourceId: string; clientId: string; body: Record<string, unknown>; orgMasterId: string; api: string; receivedAt: string };

const API_OF_KIND: Record<string, string[]> = { las: ["students-api", "association-api"], licentieregistratie: ["usage-api"], aanspraakmanager: ["usage-api"] };

/** Consent is registered where the data lives: per Source, client, school (OnderwijsaanbiederId) and API. */
export class ConsentRegistry {
  private readonly granted = new Set<string>();
  readonly pending = new Map<string, PendingRequest>();

  constructor(private readonly clients: ClientRegistration[]) {
    this.reset();
  }

  private static key(sourceId: string, clientId: string, orgMasterId: string, api: string) {
    return `${sourceId}|${clientId}|${orgMasterId}|${api}`;
  }

  reset() {
    this.granted.clear();
    this.pending.clear();
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

  has(sourceId: string, clientId: string, orgMasterId: string, api: string) {
    return this.granted.has(ConsentRegistry.key(sourceId, clientId, orgMasterId, api));
  }

  set(sourceId: string, clientId: string, orgMasterId: string, api: string, granted: boolean) {
    const key = ConsentRegistry.key(sourceId, clientId, orgMasterId, api);
    if (granted) this.granted.add(key);
    else this.granted.delete(key);
  }

  /** The school's administrator approves a pending request: consent is in place from now on. */
  approve(consumerReferenceId: string): boolean {
    const request = this.pending.get(consumerReferenceId);
    if (!request) return false;
    this.set(request.sourceId, request.clientId, request.orgMasterId, request.api, true);
    this.pending.delete(consumerReferenceId);
    return true;
  }

  list() {
    return { granted: [...this.granted].map((k) => { const [sourceId, clientId, orgMasterId, api] = k.split("|"); return { sourceId, clientId, orgMasterId, api }; }), pending: [...this.pending.entries()].map(([id, r]) => ({ consumerReferenceId: id, sourceId: r.sourceId, orgMasterId: r.orgMasterId, api: r.api, receivedAt: r.receivedAt })) };
  }
}
