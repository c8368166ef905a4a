import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createSandbox } from "@/sandbox/app";
import { EduvClient } from "./client";
import { listSchoolEnrollments } from "@/lib/features/enrollments/enrollments";
import { schoolQueryFor } from "./request-params";
import { parseSourcesConfig, SourcesConfigError, type SchoolConfig } from "../config";
import { listSchoolStudents } from "@/lib/features/students/students";
import { TokenProvider } from "./token";

// The lists' mass-change guard keeps its counts in the store (lib/features/mass-change): an in-memory one here.
process.env.PGLITE_DIR = "memory://";

/**
 * Which pupils a school gets (ERRATA 37, 38): a school named by its OnderwijsaanbiederId gets the
 * whole Onderwijsaanbieder; a school configured by a secondary identifier (or narrowed to one)
 * gets only that part, with filterByOrgId=true where the sector's default would not narrow
 * (003:280-282: PO narrows, VO does not; MBO has no stated default).
 */

type School = Pick<SchoolConfig, "id" | "name" | "sector" | "organisationMasterIdentifier" | "organisationIds" | "narrowToOrganisationId">;
const V_ID = (organisationId: string) => [{ organisationId, organisationIdType: "V_ID" as const }];
const school = (s: Omit<School, "id" | "name">): SchoolConfig => ({ id: "school", name: "School", ...s });

describe("the school as GET query parameters", () => {
  it.each([
    ["PO by master id", school({ sector: "PO", organisationMasterIdentifier: "900A101" }), { orgMasterId: "900A101" }],
    ["VO by master id", school({ sector: "VO", organisationMasterIdentifier: "900B201" }), { orgMasterId: "900B201" }],
    [
      "VO by master id with secondary ids (the demo's schools)",
      school({ sector: "VO", organisationMasterIdentifier: "900B201", organisationIds: V_ID("99ZX00") }),
      { orgMasterId: "900B201" },
    ],
    [
      "PO by secondary id: the PO default narrows, nothing sent",
      school({ sector: "PO", organisationIds: V_ID("99ZZ00") }),
      { orgId: "99ZZ00", orgIdType: "V_ID" },
    ],
    [
      "VO by secondary id: narrowed explicitly",
      school({ sector: "VO", organisationIds: V_ID("99ZX01") }),
      { orgId: "99ZX01", orgIdType: "V_ID", filterByOrgId: true },
    ],
    [
      "MBO by secondary id: no stated default, narrowed explicitly",
      school({ sector: "MBO", organisationIds: [{ organisationId: "LAS-7", organisationIdType: "AS_ID" }] }),
      { orgId: "LAS-7", orgIdType: "AS_ID", filterByOrgId: true },
    ],
    [
      "VO narrowed to its first secondary id although the master id is known",
      school({
        sector: "VO",
        organisationMasterIdentifier: "900B201",
        organisationIds: [...V_ID("99ZX00"), ...V_ID("99ZX01")],
        narrowToOrganisationId: true,
      }),
      { orgId: "99ZX00", orgIdType: "V_ID", filterByOrgId: true },
    ],
    [
      "PO narrowed: the PO default narrows, nothing sent",
      school({ sector: "PO", organisationMasterIdentifier: "900A101", organisationIds: V_ID("99ZZ00"), narrowToOrganisationId: true }),
      { orgId: "99ZZ00", orgIdType: "V_ID" },
    ],
    [
      "narrowToOrganisationId false is the master id",
      school({ sector: "VO", organisationMasterIdentifier: "900B201", organisationIds: V_ID("99ZX00"), narrowToOrganisationId: false }),
      { orgMasterId: "900B201" },
    ],
  ])("%s", (_label, config, expected) => {
    expect(schoolQueryFor(config)).toEqual(expected);
  });
});

describe("the sources file: narrowToOrganisationId", () => {
  const demo = () => JSON.parse(readFileSync("config/sources.demo.json", "utf8"));

  it("is refused without organisationIds, naming the field", () => {
    const file = demo();
    file.schools[2].narrowToOrganisationId = true;
    delete file.schools[2].organisationIds;
    expect(() => parseSourcesConfig(file)).toThrow(SourcesConfigError);
    expect(() => parseSourcesConfig(file)).toThrow("schools[2].narrowToOrganisationId: needs organisationIds");
  });

  it("is read where given; the demo's schools keep asking by their OnderwijsaanbiederId", () => {
    const file = demo();
    file.schools[2].narrowToOrganisationId = true;
    expect(parseSourcesConfig(file).schools[2]).toMatchObject({ id: "meridiaan-college", narrowToOrganisationId: true });
    expect(parseSourcesConfig(demo()).schools.map(schoolQueryFor)).toEqual([
      { orgMasterId: "900A101" },
      { orgMasterId: "900A102" },
      { orgMasterId: "900B201" },
      { orgMasterId: "900B202" },
    ]);
  });
});

describe("against the sandbox: Meridiaan College (900B201) has its havo and vwo at 99ZX00 and its vmbo at 99ZX01", () => {
  const BASE = "http://localhost:4999";
  const sandbox = createSandbox({
    publicUrl: BASE,
    clients: [{ clientId: "leermiddelendashboard", method: "client_secret_basic", secret: "pw", sources: ["las-a", "las-b"] }],
  });
  const urls: URL[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    urls.push(new URL(req.url));
    return sandbox.app.fetch(req);
  }) as typeof fetch;
  const source = (id: string, schools: string[]) => ({
    id,
    name: id,
    kind: "las",
    baseUrl: `${BASE}/${id}/v1`,
    tokenEndpoint: `${BASE}/${id}/oauth2/token`,
    auth: { method: "client_secret_basic", clientSecretEnv: "SECRET" },
    scopes: ["eduv.student.basic", "eduv.association"],
    apis: ["students", "enrollments"],
    schools,
  });
  const config = parseSourcesConfig({
    client: { clientId: "leermiddelendashboard" },
    schools: [
      {
        id: "meridiaan",
        name: "Meridiaan College",
        sector: "VO",
        organisationMasterIdentifier: "900B201",
        organisationIds: V_ID("99ZX00"),
      },
      {
        id: "meridiaan-zuid",
        name: "Meridiaan College, havo en vwo",
        sector: "VO",
        organisationMasterIdentifier: "900B201",
        organisationIds: V_ID("99ZX00"),
        narrowToOrganisationId: true,
      },
      { id: "meridiaan-v-id", name: "Meridiaan College by V_ID", sector: "VO", organisationIds: V_ID("99ZX00") },
      { id: "regenboog-v-id", name: "OBS De Regenboog by V_ID", sector: "PO", organisationIds: V_ID("99ZZ00") },
    ],
    sources: [source("las-b", ["meridiaan", "meridiaan-zuid", "meridiaan-v-id"]), source("las-a", ["regenboog-v-id"])],
  });
  const client = new EduvClient({
    config,
    tokens: new TokenProvider({
      signingKey: async () => {
        throw new Error("no key in this test");
      },
      fetch: fetchImpl,
      secret: () => "pw",
    }),
    fetch: fetchImpl,
    retryDelayMs: 1,
  });
  const schoolById = (id: string) => config.schools.find((s) => s.id === id)!;
  const lastQuery = (path: string) => Object.fromEntries(urls.filter((u) => u.pathname.endsWith(path)).at(-1)!.searchParams);

  it("the whole Onderwijsaanbieder by master id (1,400 pupils); its havo and vwo only when narrowed to 99ZX00 (933)", async () => {
    const whole = await listSchoolStudents(client, schoolById("meridiaan"));
    expect(lastQuery("/students/school")).toEqual({ orgMasterId: "900B201" });
    const narrowed = await listSchoolStudents(client, schoolById("meridiaan-zuid"));
    expect(lastQuery("/students/school")).toEqual({ orgId: "99ZX00", orgIdType: "V_ID", filterByOrgId: "true" });
    expect(whole.rows).toHaveLength(1400);
    expect(narrowed.rows).toHaveLength(933); // a third of 1,400 (467) is vmbo, at 99ZX01
    const all = new Set(whole.rows.map((r) => r.key));
    expect(narrowed.rows.every((r) => all.has(r.key))).toBe(true);
  });

  it("configured by the secondary id alone: the same vestiging, not the whole Onderwijsaanbieder", async () => {
    const byVId = await listSchoolStudents(client, schoolById("meridiaan-v-id"));
    expect(lastQuery("/students/school")).toEqual({ orgId: "99ZX00", orgIdType: "V_ID", filterByOrgId: "true" });
    expect(byVId.rows).toHaveLength(933);
  });

  it("enrollments likewise: no vmbo study offering in the narrowed answer, and only its pupils", async () => {
    const whole = await listSchoolEnrollments(client, schoolById("meridiaan"), { enrollmentType: "study" });
    const narrowed = await listSchoolEnrollments(client, schoolById("meridiaan-zuid"), { enrollmentType: "study" });
    expect(lastQuery("/enrollments/school")).toEqual({
      orgId: "99ZX00",
      orgIdType: "V_ID",
      filterByOrgId: "true",
      enrollmentType: "study",
    });
    expect(whole.rows.some((r) => r.offering.includes("-vmbo-"))).toBe(true);
    expect(narrowed.rows.length).toBeGreaterThan(0);
    expect(narrowed.rows.some((r) => r.offering.includes("-vmbo-"))).toBe(false);
    expect(narrowed.rows.length).toBe(whole.rows.filter((r) => !r.offering.includes("-vmbo-")).length);
    const pupils = new Set((await listSchoolStudents(client, schoolById("meridiaan-zuid"))).rows.map((r) => r.key));
    expect(narrowed.rows.every((r) => pupils.has(r.studentKey))).toBe(true);
  });

  it("a PO school by secondary id sends no filterByOrgId: the Source's PO default narrows", async () => {
    const list = await listSchoolStudents(client, schoolById("regenboog-v-id"));
    expect(lastQuery("/students/school")).toEqual({ orgId: "99ZZ00", orgIdType: "V_ID" });
    expect(list.rows).toHaveLength(204);
  });
});
