import { describe, expect, it } from "vitest";
import { EduvClient } from "./transport/client";
import { getUserUsage, listEmployeeAssignments, listEnrollments, listStudents, putConsentRequest } from "./operations";
import { parseSourcesConfig } from "./config";
import { rejection, testSigningKey } from "./testing/fixtures";
import { startSandbox } from "./testing/sandbox-harness";
import { buildTeacherIndex } from "@/lib/features/employees/teachers-of-student";
import { TokenProvider } from "./transport/token";
import { personHash } from "@/lib/privacy/person-hash";

/**
 * The client against the sandbox over real HTTP: the sandbox fetches our JWKS from a jwks_uri,
 * checks the private_key_jwt assertion, and enforces scope, school and consent like a Source.
 */
const h = startSandbox();

const ECK = /^https:\/\/ketenid\.nl\/201703\/[0-9a-f]{128}$/;

describe("token acquisition against the sandbox's authorization servers", () => {
  it("gets a token with private_key_jwt: the sandbox fetched our JWKS and accepted the assertion", async () => {
    const { tokens } = h.newClient();
    const token = await tokens.getToken(h.config.sources[0]!, ["eduv.student.basic", "eduv.association"]);
    expect(token.scopes.sort()).toEqual(["eduv.association", "eduv.student.basic"]);
    expect(token.expiresAt).toBeGreaterThan(Date.now() + 200_000);
  });

  it("gets a token with client_secret_basic where the Source registered the client so", async () => {
    const { tokens } = h.newClient();
    await expect(
      tokens.getToken(
        h.config.sources.find((s) => s.id === "las-b-basic")!,
        ["eduv.student.basic"],
      ),
    ).resolves.toMatchObject({ scopes: ["eduv.student.basic"] });
  });

  it("is refused with another key: token_refused / invalid_client", async () => {
    const other = await testSigningKey();
    const tokens = new TokenProvider({ signingKey: async () => other });
    expect(await rejection(tokens.getToken(h.config.sources[0]!, ["eduv.association"]))).toMatchObject({
      kind: "token_refused",
      detail: "invalid_client",
    });
  });

  it("gets fewer scopes than asked when the Source does not allow some (no deliveryaddress for the dashboard)", async () => {
    const { tokens } = h.newClient();
    const token = await tokens.getToken(h.config.sources[0]!, ["eduv.student.basic", "eduv.student.deliveryaddress"]);
    expect(token.scopes).toEqual(["eduv.student.basic"]);
  });
});

describe("scope, school and consent refusals become typed errors", () => {
  it("401/0021: a token without eduv.association cannot read enrollments", async () => {
    const narrow = parseSourcesConfig({ ...h.config, sources: [{ ...h.config.sources[0]!, scopes: ["eduv.student.basic"] }] });
    const tokens = new TokenProvider({ signingKey: async () => h.key });
    // The operation always asks for its required scope; make the Source withhold it instead.
    h.sandbox.state.auth.tokens.clear();
    const client = new EduvClient({ config: narrow, tokens });
    const token = await tokens.getToken(narrow.sources[0]!, ["eduv.association"]);
    h.sandbox.state.auth.tokens.get(token.value)!.scopes = ["eduv.student.basic"];
    expect(await rejection(client.call(listEnrollments, "las-a", { query: { orgMasterId: "900A101" } }))).toMatchObject({
      kind: "scope_missing",
      statusCode: 21,
      httpStatus: 401,
    });
  });

  it("400/0023: a school the Source does not know", async () => {
    const { client } = h.newClient();
    expect(await rejection(client.call(listStudents, "las-a", { query: { orgMasterId: "999X999" } }))).toMatchObject({
      kind: "school_unknown",
      statusCode: 23,
    });
  });

  it("403/0022: no consent for students-api at SG De Horizon", async () => {
    const { client } = h.newClient();
    expect(await rejection(client.call(listStudents, "las-b", { query: { orgMasterId: "900B202" } }))).toMatchObject({
      kind: "consent_missing",
      statusCode: 22,
      httpStatus: 403,
    });
  });

  it("405: the Aanspraakmanager is not a Licentieregistratie", async () => {
    const { client } = h.newClient();
    const body = {
      school: { organisationMasterIdentifier: "900B201" },
      user: { userMasterIdentifier: h.sandbox.state.school("900B201").data.pupils[0]!.eck },
    };
    expect(await rejection(client.call(getUserUsage, "am", { body }))).toMatchObject({ kind: "method_not_allowed", httpStatus: 405 });
  });

  it("a consent request (202) approved at the Source lets the data flow", async () => {
    const { client } = h.newClient();
    await expect(client.call(listStudents, "las-b", { query: { orgMasterId: "900B202" } })).rejects.toMatchObject({
      kind: "consent_missing",
    });
    const request = {
      consumerReferenceId: "c-horizon-students",
      school: { organisationMasterIdentifier: "900B202" },
      api: "students-api",
      scopes: ["eduv.student.basic"],
      consumerStatus: "accepted",
    };
    await expect(client.call(putConsentRequest, "las-b", { body: request })).resolves.toMatchObject({ meta: { httpStatus: 202 } });
    expect(h.sandbox.state.consent.approve("c-horizon-students")).toBe(true);
    const result = await client.call(listStudents, "las-b", { query: { orgMasterId: "900B202" } });
    expect(result.records.length).toBeGreaterThan(900);
  });
});

describe("lists at school scale", () => {
  it("3,000 students with one invalid record: 2,999 kept and a report by field path", async () => {
    h.sandbox.state.knobs.set("las-b", { invalidRecords: 1 });
    const { client } = h.newClient();
    const result = await client.call(listStudents, "las-b", { query: { orgMasterId: "900B201" } });
    expect(result.records).toHaveLength(2999);
    expect(result.report).toMatchObject({ received: 3000, kept: 2999, invalid: { count: 1, paths: { givenName: 1 } } });
    expect(result.records[0]!.userMasterIdentifier).toMatch(ECK);
    expect(result.records[0]).toHaveProperty("dateOfBirth"); // demographics granted to las-b in this config
    expect(result.records[0]).not.toHaveProperty("email"); // communication not requested
  });

  it("45,000 enrollments, filtered at the Source by subject offering", async () => {
    const { client } = h.newClient();
    const all = await client.call(listEnrollments, "las-b", { query: { orgMasterId: "900B201" } });
    expect(all.records).toHaveLength(45_000);
    expect(all.report?.invalid.count).toBe(0);
    const subject = all.records.find((e) => e.enrollmentType === "subject")!.subject!;
    const filtered = await client.call(listEnrollments, "las-b", { query: { orgMasterId: "900B201", subjectOfferingId: subject } });
    expect(filtered.records.length).toBeGreaterThan(10);
    expect(filtered.records.every((e) => e.subject === subject)).toBe(true);
  });

  it("an employee's assignments, identified in the body by userIds", async () => {
    const { client } = h.newClient();
    const employee = h.sandbox.state.school("900A101").data.employees[0]!;
    const result = await client.call(listEmployeeAssignments, "las-a", {
      body: {
        school: { organisationMasterIdentifier: "900A101" },
        employee: { userIds: [{ userId: employee.nepri, userIdType: "NEPRI" }] },
      },
    });
    expect(result.records.map((a) => a.assignmentType)).toEqual(["class-teacher"]);
  });

  it("the teacher index finds a pupil's subject teachers and coach among the known employees", async () => {
    const { client } = h.newClient();
    const { data } = h.sandbox.state.school("900B201");
    const pupil = data.pupils[5]!;
    // Expected from the sandbox's own records: teacher assignments on the pupil's subject offerings, and their coach.
    const offerings = new Set(
      data.enrollments
        .filter((e) => (e.student as { userMasterIdentifier: string }).userMasterIdentifier === pupil.eck && e.enrollmentType === "subject")
        .map((e) => e.subject as string),
    );
    const expected: string[] = [];
    for (const e of data.employees) {
      for (const a of data.assignments.get(e.index) ?? []) {
        if (a.assignmentType === "teacher" && offerings.has(a.subject as string))
          expected.push(`${e.nepri}|teacher|${a.subject as string}`);
        if (a.assignmentType === "coach" && (a.student as { userMasterIdentifier: string }).userMasterIdentifier === pupil.eck)
          expected.push(`${e.nepri}|coach|`);
      }
    }
    const known = data.employees.map((e) => ({ key: e.nepri, name: e.nepri, maskedId: "", userIdType: "NEPRI", userId: e.nepri }));
    const school = h.config.schools.find((s) => s.id === "meridiaan")!;
    const index = await buildTeacherIndex(client, school, known, "nl");
    const found = [
      ...[...offerings].flatMap((o) => index.bySubject.get(o) ?? []),
      ...(index.byCoachee.get(personHash(pupil.eck).slice(0, 32)) ?? []),
    ].map((t) => `${t.name}|${t.type}|${t.subjectOffering ?? ""}`);
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
    h.sandbox.state.knobs.set("las-a", knobs);
    const { client } = h.newClient();
    expect(await rejection(client.call(listStudents, "las-a", { query: { orgMasterId: "900A101" } }))).toMatchObject({ kind });
  });

  it("a Source that hangs ends in 'timeout' within the configured budget", async () => {
    h.sandbox.state.knobs.set("las-a", { timeoutRate: 1, hangMs: 10_000 });
    const quick = parseSourcesConfig({ ...h.config, sources: [{ ...h.config.sources[0]!, timeoutMs: 300 }] });
    const client = new EduvClient({ config: quick, tokens: new TokenProvider({ signingKey: async () => h.key }) });
    const started = performance.now();
    expect(await rejection(client.call(listStudents, "las-a", { query: { orgMasterId: "900A101" } }))).toMatchObject({ kind: "timeout" });
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
