import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox } from "@/sandbox/app";
import { EduvClient } from "./client";
import type { SigningKey } from "./keys";
import { getUserUsage, listEmployeeAssignments, listEnrollments, listStudents, putConsentRequest } from "./operations";
import { parseSourcesConfig, type SourcesConfig } from "./sources-config";
import { rejection, testSigningKey } from "./testing/fixtures";
import { buildTeacherIndex } from "./teachers";
import { TokenProvider } from "./token";
import { personHash } from "@/lib/db/access-log";
import { entitlementsFor } from "@/sandbox/data/usage";
import { subjectOfferingId } from "@/sandbox/data/generate";
import { coverageOf, fanOut, pupilsOf } from "./coverage";
import { lookupUsage } from "./usage";

/**
 * The client against the sandbox over real HTTP: the sandbox fetches our JWKS from a jwks_uri,
 * checks the private_key_jwt assertion, and enforces scope, school and consent like a Source.
 */
let key: SigningKey;
let jwksServer: Server;
let sandboxServer: ServerType;
let sandbox: ReturnType<typeof createSandbox>;
let base: string;
let config: SourcesConfig;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  key = await testSigningKey();
  jwksServer = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [key.publicJwk] })));
  const jwksPort = await listen(jwksServer);
  const port = await new Promise<number>((resolve) => {
    sandboxServer = serve({ fetch: (req, env) => sandbox.app.fetch(req, env), port: 0, hostname: "127.0.0.1" }, (info) => resolve(info.port));
  });
  base = `http://127.0.0.1:${port}`;
  sandbox = createSandbox({
    publicUrl: base,
    scale: "bench",
    clients: [
      { clientId: "leermiddelendashboard", method: "private_key_jwt", jwksUri: `http://127.0.0.1:${jwksPort}/jwks.json`, sources: ["las-a", "las-b", "lr-a", "lr-b", "am"] },
      { clientId: "leermiddelendashboard-basic", method: "client_secret_basic", secret: "pw", sources: ["las-b"] },
    ],
  });
  const source = (id: string, kind: string, apis: string[], scopes: string[], schools: string[], extra: object = {}) => ({
    id, name: id, kind, baseUrl: `${base}/${id}/v1`, tokenEndpoint: `${base}/${id}/oauth2/token`, auth: { method: "private_key_jwt" }, apis, scopes, schools, timeoutMs: 5_000, ...extra,
  });
  config = parseSourcesConfig({
    client: { clientId: "leermiddelendashboard" },
    schools: [
      { id: "regenboog", name: "OBS De Regenboog", sector: "PO", organisationMasterIdentifier: "900A101" },
      { id: "meridiaan", name: "Meridiaan College", sector: "VO", organisationMasterIdentifier: "900B201" },
      { id: "horizon", name: "SG De Horizon", sector: "VO", organisationMasterIdentifier: "900B202" },
      { id: "nergens", name: "Onbekend", sector: "PO", organisationMasterIdentifier: "999X999" },
    ],
    sources: [
      source("las-a", "las", ["students", "enrollments", "assignments", "consent"], ["eduv.student.basic", "eduv.association", "eduv.consent"], ["regenboog", "nergens"]),
      source("las-b", "las", ["students", "enrollments", "assignments", "consent"], ["eduv.student.basic", "eduv.student.demographics", "eduv.association", "eduv.consent"], ["meridiaan", "horizon"]),
      source("las-b-basic", "las", ["students"], ["eduv.student.basic"], ["meridiaan"], { baseUrl: `${base}/las-b/v1`, tokenEndpoint: `${base}/las-b/oauth2/token`, clientId: "leermiddelendashboard-basic", auth: { method: "client_secret_basic", clientSecretEnv: "LAS_B_SECRET" } }),
      source("lr-a", "licentieregistratie", ["usage", "consent"], ["eduv.usage.dashboard", "eduv.consent"], ["meridiaan"], { maxConcurrentCalls: 3 }),
      source("lr-b", "licentieregistratie", ["usage", "consent"], ["eduv.usage.dashboard", "eduv.consent"], ["regenboog", "horizon", "meridiaan"], { maxConcurrentCalls: 3 }),
      source("am", "aanspraakmanager", ["usage"], ["eduv.usage.dashboard"], ["meridiaan"]),
    ],
  });
});

afterAll(async () => {
  sandboxServer?.close();
  await new Promise((r) => jwksServer.close(r));
});

beforeEach(() => {
  sandbox.state.knobs.reset();
  sandbox.state.consent.reset();
});

function newClient() {
  const tokens = new TokenProvider({ signingKey: async () => key, secret: (n) => (n === "LAS_B_SECRET" ? "pw" : undefined) });
  return { tokens, client: new EduvClient({ config, tokens, retryDelayMs: 1 }) };
}

const ECK = /^https:\/\/ketenid\.nl\/201703\/[0-9a-f]{128}$/;

describe("token acquisition against the sandbox's authorization servers", () => {
  it("gets a token with private_key_jwt: the sandbox fetched our JWKS and accepted the assertion", async () => {
    const { tokens } = newClient();
    const token = await tokens.getToken(config.sources[0]!, ["eduv.student.basic", "eduv.association"]);
    expect(token.scopes.sort()).toEqual(["eduv.association", "eduv.student.basic"]);
    expect(token.expiresAt).toBeGreaterThan(Date.now() + 200_000);
  });

  it("gets a token with client_secret_basic where the Source registered the client so", async () => {
    const { tokens } = newClient();
    await expect(tokens.getToken(config.sources.find((s) => s.id === "las-b-basic")!, ["eduv.student.basic"])).resolves.toMatchObject({ scopes: ["eduv.student.basic"] });
  });

  it("is refused with another key: token_refused / invalid_client", async () => {
    const other = await testSigningKey();
    const tokens = new TokenProvider({ signingKey: async () => other });
    expect(await rejection(tokens.getToken(config.sources[0]!, ["eduv.association"]))).toMatchObject({ kind: "token_refused", detail: "invalid_client" });
  });

  it("gets fewer scopes than asked when the Source does not allow some (no deliveryaddress for the dashboard)", async () => {
    const { tokens } = newClient();
    const token = await tokens.getToken(config.sources[0]!, ["eduv.student.basic", "eduv.student.deliveryaddress"]);
    expect(token.scopes).toEqual(["eduv.student.basic"]);
  });
});

describe("scope, school and consent refusals become typed errors", () => {
  it("401/0021: a token without eduv.association cannot read enrollments", async () => {
    const narrow = parseSourcesConfig({ ...config, sources: [{ ...config.sources[0]!, scopes: ["eduv.student.basic"] }] });
    const tokens = new TokenProvider({ signingKey: async () => key });
    // The operation always asks for its required scope; make the Source withhold it instead.
    sandbox.state.auth.tokens.clear();
    const client = new EduvClient({ config: narrow, tokens });
    const token = await tokens.getToken(narrow.sources[0]!, ["eduv.association"]);
    sandbox.state.auth.tokens.get(token.value)!.scopes = ["eduv.student.basic"];
    expect(await rejection(client.call(listEnrollments, "las-a", { query: { orgMasterId: "900A101" } }))).toMatchObject({ kind: "scope_missing", statusCode: 21, httpStatus: 401 });
  });

  it("400/0023: a school the Source does not know", async () => {
    const { client } = newClient();
    expect(await rejection(client.call(listStudents, "las-a", { query: { orgMasterId: "999X999" } }))).toMatchObject({ kind: "school_unknown", statusCode: 23 });
  });

  it("403/0022: no consent for students-api at SG De Horizon", async () => {
    const { client } = newClient();
    expect(await rejection(client.call(listStudents, "las-b", { query: { orgMasterId: "900B202" } }))).toMatchObject({ kind: "consent_missing", statusCode: 22, httpStatus: 403 });
  });

  it("405: the Aanspraakmanager is not a Licentieregistratie", async () => {
    const { client } = newClient();
    const body = { school: { organisationMasterIdentifier: "900B201" }, user: { userMasterIdentifier: sandbox.state.school("900B201").data.pupils[0]!.eck } };
    expect(await rejection(client.call(getUserUsage, "am", { body }))).toMatchObject({ kind: "method_not_allowed", httpStatus: 405 });
  });

  it("a consent request (202) approved at the Source lets the data flow", async () => {
    const { client } = newClient();
    await expect(client.call(listStudents, "las-b", { query: { orgMasterId: "900B202" } })).rejects.toMatchObject({ kind: "consent_missing" });
    const request = { consumerReferenceId: "c-horizon-students", school: { organisationMasterIdentifier: "900B202" }, api: "students-api", scopes: ["eduv.student.basic"], consumerStatus: "accepted" };
    await expect(client.call(putConsentRequest, "las-b", { body: request })).resolves.toMatchObject({ meta: { httpStatus: 202 } });
    expect(sandbox.state.consent.approve("c-horizon-students")).toBe(true);
    const result = await client.call(listStudents, "las-b", { query: { orgMasterId: "900B202" } });
    expect(result.records.length).toBeGreaterThan(900);
  });
});

describe("lists at school scale", () => {
  it("3,000 students with one invalid record: 2,999 kept and a report by field path", async () => {
    sandbox.state.knobs.set("las-b", { invalidRecords: 1 });
    const { client } = newClient();
    const result = await client.call(listStudents, "las-b", { query: { orgMasterId: "900B201" } });
    expect(result.records).toHaveLength(2999);
    expect(result.report).toMatchObject({ received: 3000, kept: 2999, invalid: { count: 1, paths: { givenName: 1 } } });
    expect(result.records[0]!.userMasterIdentifier).toMatch(ECK);
    expect(result.records[0]).toHaveProperty("dateOfBirth"); // demographics granted to las-b in this config
    expect(result.records[0]).not.toHaveProperty("email"); // communication not requested
  });

  it("45,000 enrollments, filtered at the Source by subject offering", async () => {
    const { client } = newClient();
    const all = await client.call(listEnrollments, "las-b", { query: { orgMasterId: "900B201" } });
    expect(all.records).toHaveLength(45_000);
    expect(all.report?.invalid.count).toBe(0);
    const subject = all.records.find((e) => e.enrollmentType === "subject")!.subject!;
    const filtered = await client.call(listEnrollments, "las-b", { query: { orgMasterId: "900B201", subjectOfferingId: subject } });
    expect(filtered.records.length).toBeGreaterThan(10);
    expect(filtered.records.every((e) => e.subject === subject)).toBe(true);
  });

  it("an employee's assignments, identified in the body by userIds", async () => {
    const { client } = newClient();
    const employee = sandbox.state.school("900A101").data.employees[0]!;
    const result = await client.call(listEmployeeAssignments, "las-a", { body: { school: { organisationMasterIdentifier: "900A101" }, employee: { userIds: [{ userId: employee.nepri, userIdType: "NEPRI" }] } } });
    expect(result.records.map((a) => a.assignmentType)).toEqual(["class-teacher"]);
  });

  it("the teacher index finds a pupil's subject teachers and coach among the known employees", async () => {
    const { client } = newClient();
    const { data } = sandbox.state.school("900B201");
    const pupil = data.pupils[5]!;
    // Expected from the sandbox's own records: teacher assignments on the pupil's subject offerings, and their coach.
    const offerings = new Set(data.enrollments.filter((e) => (e.student as { userMasterIdentifier: string }).userMasterIdentifier === pupil.eck && e.enrollmentType === "subject").map((e) => e.subject as string));
    const expected: string[] = [];
    for (const e of data.employees) {
      for (const a of data.assignments.get(e.index) ?? []) {
        if (a.assignmentType === "teacher" && offerings.has(a.subject as string)) expected.push(`${e.nepri}|teacher|${a.subject as string}`);
        if (a.assignmentType === "coach" && (a.student as { userMasterIdentifier: string }).userMasterIdentifier === pupil.eck) expected.push(`${e.nepri}|coach|`);
      }
    }
    const known = data.employees.map((e) => ({ key: e.nepri, name: e.nepri, maskedId: "", userIdType: "NEPRI", userId: e.nepri }));
    const school = config.schools.find((s) => s.id === "meridiaan")!;
    const index = await buildTeacherIndex(client, school, known, "nl");
    const found = [...[...offerings].flatMap((o) => index.bySubject.get(o) ?? []), ...(index.byCoachee.get(personHash(pupil.eck).slice(0, 32)) ?? [])].map((t) => `${t.name}|${t.type}|${t.subjectOffering ?? ""}`);
    expect(offerings.size).toBe(14);
    expect(found.sort()).toEqual(expected.sort());
    expect(found.filter((f) => f.includes("|coach|"))).toHaveLength(1);
    expect(index.failed).toBe(0);
  });
});

describe("a Source that misbehaves leaves an honest error", () => {
  it.each([
    ["malformed JSON", { malformedJsonRate: 1 }, "invalid_answer"],
    ["service errors", { errorRate: 1 }, "server_error"],
    ["connection resets", { resetRate: 1 }, "unreachable"],
    ["expired tokens", { expireTokens: true }, "token_invalid"],
  ])("%s", async (_label, knobs, kind) => {
    sandbox.state.knobs.set("las-a", knobs);
    const { client } = newClient();
    expect(await rejection(client.call(listStudents, "las-a", { query: { orgMasterId: "900A101" } }))).toMatchObject({ kind });
  });

  it("a Source that hangs ends in 'timeout' within the configured budget", async () => {
    sandbox.state.knobs.set("las-a", { timeoutRate: 1, hangMs: 10_000 });
    const quick = parseSourcesConfig({ ...config, sources: [{ ...config.sources[0]!, timeoutMs: 300 }] });
    const client = new EduvClient({ config: quick, tokens: new TokenProvider({ signingKey: async () => key }) });
    const started = performance.now();
    expect(await rejection(client.call(listStudents, "las-a", { query: { orgMasterId: "900A101" } }))).toMatchObject({ kind: "timeout" });
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe("licence usage across the school's Licentieregistraties (issue 5)", () => {
  const today = "2026-03-02";
  const stats = async () => (await (await sandbox.app.request("/_admin/stats")).json()) as Record<string, { calls: number; maxInFlight: number }>;

  it("merges both registries' answers and names the Aanspraakmanager's 405, per Source", async () => {
    const { client } = newClient();
    const data = sandbox.state.school("900B201").data;
    // A pupil both registries know: the expectation is computed from the sandbox's own generator.
    const pupil = data.pupils.find((p) => entitlementsFor(sandbox.state.seed, "lr-b", data.school, { pupil: p }).length > 0)!;
    const expected = (["lr-a", "lr-b"] as const).flatMap((r) => entitlementsFor(sandbox.state.seed, r, data.school, { pupil }));
    const answer = await lookupUsage(client, config.schools.find((s) => s.id === "meridiaan")!, { userMasterIdentifier: pupil.eck }, { refresh: true });
    expect(answer.registries.map((r) => [r.sourceId, r.status])).toEqual([["lr-a", "ok"], ["lr-b", "ok"], ["am", "method_not_allowed"]]);
    expect(answer.entitlements.map((e) => e.entitlementId).sort()).toEqual(expected.map((e) => e.entitlementId).sort());
    expect(answer.totals.licensed).toBe(expected.filter((e) => e.entitlementStatus === "licensed").length);
    expect(answer.entitlements.find((e) => e.sourceId === "lr-b")?.sourceName).toBe("lr-b");
  });

  it("a person a registry does not know is an answer (404), not an error", async () => {
    const { client } = newClient();
    const data = sandbox.state.school("900B201").data;
    const pupil = data.pupils.find((p) => entitlementsFor(sandbox.state.seed, "lr-b", data.school, { pupil: p }).length === 0)!;
    const answer = await lookupUsage(client, config.schools.find((s) => s.id === "meridiaan")!, { userMasterIdentifier: pupil.eck }, { refresh: true });
    expect(answer.registries.find((r) => r.sourceId === "lr-b")).toMatchObject({ status: "unknown_user", entitlements: [] });
  });

  it("covers a class with at most maxConcurrentCalls at each registry, asks the Aanspraakmanager once, and counts what the sandbox holds", async () => {
    await sandbox.app.request("/_admin/reset", { method: "POST" });
    sandbox.state.knobs.set("lr-a", { latencyMs: 15 });
    sandbox.state.knobs.set("lr-b", { latencyMs: 15 });
    const { client } = newClient();
    const school = config.schools.find((s) => s.id === "meridiaan")!;
    const data = sandbox.state.school("900B201").data;
    const className = data.pupils[0]!.className;
    const offering = subjectOfferingId(data.school, "ne", className);
    const pupils = await pupilsOf(client, school, { subjectOfferingId: offering }, today);
    const inClass = data.pupils.filter((p) => p.className === className);
    expect(pupils).toHaveLength(inClass.length);
    const progress: number[] = [];
    const results = await fanOut(client, school, pupils, { refresh: true, onProgress: (done) => progress.push(done) });
    expect(progress.at(-1)).toBe(inClass.length);
    const seen = await stats();
    expect(seen["lr-a"]!.maxInFlight).toBeLessThanOrEqual(3);
    expect(seen["lr-b"]!.maxInFlight).toBeLessThanOrEqual(3);
    expect(seen["am"]!.calls).toBe(1); // the 405 holds for the whole school: asked once, not per pupil
    const coverage = coverageOf(results, today);
    expect(coverage.refusals).toEqual([expect.objectContaining({ sourceId: "am", status: "method_not_allowed" })]);
    // Expected from the generator: per product, current pupils with a licensed, unexpired entitlement.
    const current = inClass.filter((p) => !p.leaver); // leavers' enrollments ended on 2026-01-05
    expect(current.length).toBeLessThan(inClass.length + 1);
    for (const product of coverage.products) {
      const licensed = current.filter((p) =>
        (["lr-a", "lr-b"] as const).some((r) => entitlementsFor(sandbox.state.seed, r, data.school, { pupil: p }).some((e) => e.productId === product.productId && e.entitlementStatus === "licensed")),
      ).length;
      expect([product.productId, product.licensed, product.licensed + product.without]).toEqual([product.productId, licensed, current.length]);
    }
    expect(coverage.pupils).toBe(current.length);
  });

  it("cancelling a coverage stops further calls", async () => {
    await sandbox.app.request("/_admin/reset", { method: "POST" });
    sandbox.state.knobs.set("lr-a", { latencyMs: 40 });
    sandbox.state.knobs.set("lr-b", { latencyMs: 40 });
    const { client } = newClient();
    const school = config.schools.find((s) => s.id === "meridiaan")!;
    const data = sandbox.state.school("900B201").data;
    const pupils = await pupilsOf(client, school, { studyOfferingId: data.enrollments.find((e) => e.enrollmentType === "study")!.study as string }, today);
    const abort = new AbortController();
    const run = fanOut(client, school, pupils, { refresh: true, signal: abort.signal, onProgress: (done) => done === 6 && abort.abort() });
    await expect(run).rejects.toBeDefined();
    // Calls already on their way still arrive; after that, nothing more.
    await new Promise((r) => setTimeout(r, 150));
    const after = (await stats())["lr-a"]!.calls;
    await new Promise((r) => setTimeout(r, 300));
    expect((await stats())["lr-a"]!.calls).toBe(after);
    expect(after).toBeLessThanOrEqual(6 + 3); // the pupils done plus at most the registry's limit in flight
    expect(pupils.length).toBeGreaterThan(20);
  });
});
