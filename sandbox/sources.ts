import { SCHOOLS } from "./data/schools";

export type SourceId = "las-a" | "las-b" | "lr-a" | "lr-b" | "am";
export type SourceKind = "las" | "licentieregistratie" | "aanspraakmanager";

export type SandboxSource = {
  id: SourceId;
  name: string;
  kind: SourceKind;
  schools: string[];
  allowedScopes: string[];
  apiVersion: Record<string, string>;
};

const LAS_SCOPES = ["eduv.student.basic", "eduv.student.demographics", "eduv.student.communication", "eduv.association", "eduv.consent"];
const LR_SCOPES = ["eduv.usage.dashboard", "eduv.consent"];
const VERSIONS = { students: "1.1.0", association: "1.1.0", usage: "1.0.0", consent: "0.9.1" };

const schoolsOf = (las: string) => SCHOOLS.filter((s) => s.las === las).map((s) => s.orgMasterId);
const all = SCHOOLS.map((s) => s.orgMasterId);

export const SOURCES: readonly SandboxSource[] = [
  {
    id: "las-a",
    name: "Leerlingadministratie Alfa",
    kind: "las",
    schools: schoolsOf("las-a"),
    allowedScopes: LAS_SCOPES,
    apiVersion: VERSIONS,
  },
  {
    id: "las-b",
    name: "Leerlingadministratie Beta",
    kind: "las",
    schools: schoolsOf("las-b"),
    allowedScopes: LAS_SCOPES,
    apiVersion: VERSIONS,
  },
  {
    id: "lr-a",
    name: "Licentieregistratie Uitgeverij Meridiaan",
    kind: "licentieregistratie",
    schools: all,
    allowedScopes: LR_SCOPES,
    apiVersion: VERSIONS,
  },
  {
    id: "lr-b",
    name: "Licentieregistratie Uitgeverij Kompas",
    kind: "licentieregistratie",
    schools: all,
    allowedScopes: LR_SCOPES,
    apiVersion: VERSIONS,
  },
  {
    id: "am",
    name: "Aanspraakmanager Distributie Delta",
    kind: "aanspraakmanager",
    schools: schoolsOf("las-b"),
    allowedScopes: ["eduv.usage.dashboard"],
    apiVersion: VERSIONS,
  },
];

export function sourceById(id: string): SandboxSource | undefined {
  return SOURCES.find((s) => s.id === id);
}

/** A client the Sources know: how it authenticates and where (Edu-V: every Source registers its own clients). */
export type ClientRegistration = {
  clientId: string;
  sources: SourceId[];
  /** Whether the demo consent (all but CONSENT_GAPS) is registered for this client; default true. */
  seedConsent?: boolean;
} & ({ method: "private_key_jwt"; jwksUri: string } | { method: "client_secret_basic"; secret: string });

export function defaultClients(env: { jwksUri: string; basicSecret: string }): ClientRegistration[] {
  return [
    { clientId: "leermiddelendashboard", method: "private_key_jwt", jwksUri: env.jwksUri, sources: ["las-a", "lr-a", "lr-b", "am"] },
    { clientId: "leermiddelendashboard-basic", method: "client_secret_basic", secret: env.basicSecret, sources: ["las-b"] },
  ];
}

/** School/API pairs left without consent, so the 0022 path and the consent flow can be shown. */
export const CONSENT_GAPS: ReadonlyArray<{ source: SourceId; school: string; api: string }> = [
  { source: "las-b", school: "900B202", api: "students-api" },
  { source: "lr-b", school: "900A102", api: "usage-api" },
  { source: "lr-b", school: "900B202", api: "usage-api" },
];
