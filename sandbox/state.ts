import { generateSchool, type SchoolData } from "./data/generate";
import { canaryListing, type CanaryListing } from "./data/canary";
import { pupilIds, type Employee, type Pupil } from "./data/people";
import { SCHOOLS, type SandboxSchool } from "./data/schools";
import { ConsentRegistry, type ReceivedRequest } from "./consent";
import { KnobBoard, type Knobs } from "./knobs";
import { VarianceLedger } from "./ledger";
import { AuthorizationServers } from "./oauth";
import { defaultClients, type ClientRegistration, type SourceId } from "./sources";

export type SandboxOptions = {
  publicUrl?: string;
  seed?: string;
  scale?: "demo" | "bench";
  /** The bench school's pupils at scale "bench" (default BENCH_PUPILS, 3,000). */
  benchPupils?: number;
  clients?: ClientRegistration[];
  knobs?: Record<string, Partial<Knobs>>;
  now?: () => number;
  /**
   * Consumers whose GET /consent/requests a Source polls (a Provider without push): `clientId` is the
   * Source's client id at the consumer, `consumerClientId` the consumer's client id at the Source.
   */
  consumers?: Array<{
    sourceId: SourceId;
    clientId: string;
    consumerClientId: string;
    tokenUrl: string;
    requestsUrl: string;
    intervalMs: number;
  }>;
  /**
   * Consumers a Source pushes every change of their registrations to (a Provider with push, Edu-V
   * "Melding-bevestiging"): PUT `notificationsUrl` with a token from `tokenUrl`, got as the poller does.
   * `retryDelaysMs`: the waits between the tries of a failed push (default 500 ms, 2 s: three tries).
   */
  notifiers?: Array<{
    sourceId: SourceId;
    clientId: string;
    consumerClientId: string;
    tokenUrl: string;
    notificationsUrl: string;
    retryDelaysMs?: number[];
  }>;
};

type SchoolIndex = { data: SchoolData; byEck: Map<string, Pupil>; byUserId: Map<string, { pupil?: Pupil; employee?: Employee }> };

/** Everything a running sandbox holds: its authorization servers, consent, knobs and (lazily) its schools' data. */
export function createState(opts: SandboxOptions = {}) {
  const publicUrl = (opts.publicUrl ?? "http://localhost:4100").replace(/\/+$/, "");
  const seed = opts.seed ?? "leermiddelendashboard";
  const initialScale = opts.scale ?? "demo";
  let scale = initialScale;
  let canary: string | undefined;
  const now = opts.now ?? Date.now;
  const clients =
    opts.clients ?? defaultClients({ jwksUri: "http://localhost:3000/.well-known/jwks.json", basicSecret: "demo-secret-las-b" });
  const schools = new Map<string, SchoolIndex>();
  const consent = new ConsentRegistry(clients, now);
  const knobs = new KnobBoard(opts.knobs);

  function school(orgMasterId: string): SchoolIndex {
    let entry = schools.get(orgMasterId);
    if (!entry) {
      const def = SCHOOLS.find((s) => s.orgMasterId === orgMasterId);
      if (!def) throw new Error(`unknown school ${orgMasterId}`);
      const data = generateSchool(seed, def, scale, canary, opts.benchPupils);
      const byUserId = new Map<string, { pupil?: Pupil; employee?: Employee }>();
      for (const p of data.pupils) {
        const ids = pupilIds(p, def);
        byUserId.set(`NEPPI/${ids.neppi}`, { pupil: p });
        byUserId.set(`ASI/${ids.asi}`, { pupil: p });
      }
      for (const e of data.employees) {
        byUserId.set(`NEPRI/${e.nepri}`, { employee: e });
        byUserId.set(`ASI/${e.asi}`, { employee: e });
      }
      entry = { data, byEck: new Map(data.pupils.map((p) => [p.eck, p])), byUserId };
      schools.set(orgMasterId, entry);
    }
    return entry;
  }

  return {
    publicUrl,
    seed,
    get scale() {
      return scale;
    },
    /** Switches between demo and bench data (the admin knob); data is generated anew on next use. */
    setScale(next: "demo" | "bench" = initialScale) {
      scale = next;
      schools.clear();
    },
    /**
     * Marks a few pupils and employees of every school as canaries with this token (or none):
     * the data is generated anew; returns what the canaries are called and carry.
     */
    setCanary(token?: string): CanaryListing[] {
      canary = token;
      schools.clear();
      if (!token) return [];
      return SCHOOLS.map((s) => {
        const { data } = school(s.orgMasterId);
        return canaryListing(s, data.pupils, data.employees);
      });
    },
    get canary() {
      return canary;
    },
    now,
    clients,
    school,
    auth: new AuthorizationServers(clients, publicUrl, now),
    consent,
    knobs,
    /** What was sent: records, variations and fault answers per Source and operation (GET /_admin/variance). */
    variance: new VarianceLedger(),
    /** A consent request arrived (PUT or poll): registered once, then decided by the Source's knob unless its administrator must. */
    receiveConsentRequest(request: ReceivedRequest) {
      const outcome = consent.receive(request);
      const { consentDecision, consentDecisionDelayMs } = knobs.get(request.sourceId);
      if (outcome === "received" && consentDecision !== "manual")
        consent.decideLater(request.consumerReferenceId, consentDecision, consentDecisionDelayMs);
      return outcome;
    },
  };
}

export type SandboxState = ReturnType<typeof createState>;

/** Finds a school by master id or a secondary id (V_ID = BRIN6 of its location, AS_ID = the LAS key). */
export function findSchool(ref: { orgMasterId?: string; orgId?: string; orgIdType?: string }): SandboxSchool | undefined {
  if (ref.orgMasterId) return SCHOOLS.find((s) => s.orgMasterId === ref.orgMasterId);
  if (ref.orgIdType === "V_ID") return SCHOOLS.find((s) => s.vId === ref.orgId);
  if (ref.orgIdType === "AS_ID") return SCHOOLS.find((s) => s.asId === ref.orgId);
  return undefined;
}
