import { generateSchool, type SchoolData } from "./data/generate";
import type { Employee, Pupil } from "./data/people";
import { SCHOOLS, type SandboxSchool } from "./data/schools";
import { ConsentRegistry } from "./consent";
import { KnobBoard, type Knobs } from "./knobs";
import { AuthorizationServers } from "./oauth";
import { defaultClients, type ClientRegistration } from "./sources";

export type SandboxOptions = {
  publicUrl?: string;
  seed?: string;
  scale?: "demo" | "bench";
  clients?: ClientRegistration[];
  knobs?: Record<string, Partial<Knobs>>;
  now?: () => number;
};

type SchoolIndex = { data: SchoolData; byEck: Map<string, Pupil>; byUserId: Map<string, { pupil?: Pupil; employee?: Employee }> };

/** Everything a running sandbox holds: its authorization servers, consent, knobs and (lazily) its schools' data. */
export function createState(opts: SandboxOptions = {}) {
  const publicUrl = (opts.publicUrl ?? "http://localhost:4100").replace(/\/+$/, "");
  const seed = opts.seed ?? "leermiddelendashboard";
  const initialScale = opts.scale ?? "demo";
  let scale = initialScale;
  const now = opts.now ?? Date.now;
  const clients = opts.clients ?? defaultClients({ jwksUri: "http://localhost:3000/.well-known/jwks.json", basicSecret: "demo-secret-las-b" });
  const schools = new Map<string, SchoolIndex>();

  function school(orgMasterId: string): SchoolIndex {
    let entry = schools.get(orgMasterId);
    if (!entry) {
      const def = SCHOOLS.find((s) => s.orgMasterId === orgMasterId);
      if (!def) throw new Error(`unknown school ${orgMasterId}`);
      const data = generateSchool(seed, def, scale);
      const byUserId = new Map<string, { pupil?: Pupil; employee?: Employee }>();
      for (const p of data.pupils) {
        byUserId.set(`NEPPI/${p.leerlingnummer}@1.${def.domain}.nl`, { pupil: p });
        byUserId.set(`ASI/${def.asId}-${p.leerlingnummer}`, { pupil: p });
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
    now,
    clients,
    school,
    auth: new AuthorizationServers(clients, publicUrl, now),
    consent: new ConsentRegistry(clients),
    knobs: new KnobBoard(opts.knobs),
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
