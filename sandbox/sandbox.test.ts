import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createSandbox } from "./app";
import { testSandbox } from "./testing";

const ECK = /^https:\/\/ketenid\.nl\/201703\/[0-9a-f]{128}$/;

async function jwksClient() {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" };
  const server = createServer((_q, r) => r.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  const sandbox = createSandbox({
    publicUrl: "http://sb.test",
    clients: [{ clientId: "dash", method: "private_key_jwt", jwksUri, sources: ["las-a"] }],
  });
  const assertion = (claims: { aud?: string; exp?: string; jti?: string; key?: CryptoKey } = {}) =>
    new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer("dash")
      .setSubject("dash")
      .setAudience(claims.aud ?? "http://sb.test/las-a/oauth2/token")
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? "1m")
      .setJti(claims.jti ?? crypto.randomUUID())
      .sign(claims.key ?? privateKey);
  const request = async (jwt: string, scope = "eduv.student.basic") =>
    sandbox.app.request("/las-a/oauth2/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        scope,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: jwt,
      }),
    });
  return { assertion, request, close: () => server.close() };
}

describe("token endpoint: private_key_jwt with the client's JWKS from its jwks_uri", () => {
  it("issues a token for a valid assertion, and refuses a replay, a foreign key, a wrong audience, a long-lived assertion", async () => {
    const c = await jwksClient();
    try {
      const jwt = await c.assertion({ jti: "once" });
      const ok = await c.request(jwt);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ token_type: "Bearer", expires_in: 300, scope: "eduv.student.basic" });
      expect((await c.request(jwt)).status).toBe(401);
      const foreign = (await generateKeyPair("RS256")).privateKey;
      expect(await (await c.request(await c.assertion({ key: foreign }))).json()).toMatchObject({ error: "invalid_client" });
      expect((await c.request(await c.assertion({ aud: "http://elsewhere/token" }))).status).toBe(401);
      expect((await c.request(await c.assertion({ exp: "1h" }))).status).toBe(401);
      expect((await c.request(await c.assertion({ aud: "http://sb.test/las-a" }))).status).toBe(200);
    } finally {
      c.close();
    }
  });

  it("grants only allowed scopes and refuses when none is allowed", async () => {
    const c = await jwksClient();
    try {
      const partly = await c.request(await c.assertion(), "eduv.student.basic eduv.student.deliveryaddress");
      expect(((await partly.json()) as { scope: string }).scope).toBe("eduv.student.basic");
      const none = await c.request(await c.assertion(), "eduv.usage.dashboard");
      expect(none.status).toBe(400);
      expect(await none.json()).toMatchObject({ error: "invalid_scope" });
    } finally {
      c.close();
    }
  });
});

describe("token endpoint: client_secret_basic", () => {
  it("refuses a wrong secret and a client not registered at this Source", async () => {
    const sb = testSandbox();
    await expect(sb.token("las-a", "eduv.association", "leermiddelendashboard", "wrong")).rejects.toThrow("token 401");
    await expect(sb.token("las-b", "eduv.association", "other-supplier", "pw2")).rejects.toThrow("token 401");
  });

  it("binds a token to the Source that issued it", async () => {
    const sb = testSandbox();
    const t = await sb.token("las-a", "eduv.student.basic");
    expect((await sb.get("las-b", "/students/school?orgMasterId=900B201", t)).status).toBe(401);
  });
});

describe("Edu-V checks in order: token, scope, school, consent", () => {
  const sb = testSandbox();
  it("401 with status 21 when the scope is missing", async () => {
    const t = await sb.token("las-a", "eduv.association");
    const r = await sb.get("las-a", "/students/school?orgMasterId=900A101", t);
    expect([r.status, r.body]).toEqual([401, { status: 21, statusMessage: "scope required" }]);
    expect(r.headers.get("www-authenticate")).toContain("insufficient_scope");
  });

  it("sends fields only for the scopes in the token", async () => {
    const basic = await sb.get("las-a", "/students/school?orgMasterId=900A101", await sb.token("las-a", "eduv.student.basic"));
    const more = await sb.get(
      "las-a",
      "/students/school?orgMasterId=900A101",
      await sb.token("las-a", "eduv.student.basic eduv.student.demographics"),
    );
    expect(Object.keys((basic.body as object[])[0]!)).not.toContain("dateOfBirth");
    expect((more.body as object[])[0]).toHaveProperty("dateOfBirth");
    expect((more.body as object[])[0]).not.toHaveProperty("email");
    expect((more.body as object[])[0]).not.toHaveProperty("address");
  });

  it.each([
    ["both master and secondary id", "?orgMasterId=900A101&orgId=99ZZ00&orgIdType=V_ID", 400, 11],
    ["filterByOrgId with the master id", "?orgMasterId=900A101&filterByOrgId=true", 400, 11],
    ["an unknown orgIdType", "?orgId=99ZZ00&orgIdType=BRIN", 400, 11],
    ["a school of the other LAS", "?orgMasterId=900B201", 400, 23],
    ["a secondary id (V_ID) works", "?orgId=99ZZ00&orgIdType=V_ID&filterByOrgId=true", 200, undefined],
  ])("%s", async (_label, query, status, code) => {
    const r = await sb.get("las-a", `/students/school${query}`, await sb.token("las-a", "eduv.student.basic"));
    expect(r.status).toBe(status);
    if (code) expect(r.body).toMatchObject({ status: code });
  });

  it("403/22 for the seeded gaps, and another client has no consent at all", async () => {
    expect((await sb.get("las-b", "/students/school?orgMasterId=900B202", await sb.token("las-b", "eduv.student.basic"))).body).toEqual({
      status: 22,
      statusMessage: "consent required",
    });
    expect(
      (
        await sb.get(
          "las-a",
          "/students/school?orgMasterId=900A101",
          await sb.token("las-a", "eduv.student.basic", "other-supplier", "pw2"),
        )
      ).status,
    ).toBe(403);
  });

  it("a consent request is 202, idempotent, and once approved the data flows", async () => {
    const s = testSandbox();
    const t = await s.token("las-b", "eduv.student.basic eduv.consent");
    const body = {
      consumerReferenceId: "req-1",
      school: { organisationMasterIdentifier: "900B202" },
      api: "students-api",
      scopes: ["eduv.student.basic"],
      consumerStatus: "accepted",
    };
    expect((await s.send("las-b", "PUT", "/consent/requests", t, body)).status).toBe(202);
    expect((await s.send("las-b", "PUT", "/consent/requests", t, body)).status).toBe(202);
    expect((await s.send("las-b", "PUT", "/consent/requests", t, { ...body, api: "association-api" })).status).toBe(400);
    expect((await s.get("las-b", "/students/school?orgMasterId=900B202", t)).status).toBe(403);
    const approve = await s.app.request("/_admin/consent", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ approveRequest: "req-1" }),
    });
    expect(approve.status).toBe(200);
    expect((await s.get("las-b", "/students/school?orgMasterId=900B202", t)).status).toBe(200);
  });

  it("404 for an unknown employee or a user the registry does not know", async () => {
    const a = await sb.send("las-a", "POST", "/assignments/school/employee", await sb.token("las-a", "eduv.association"), {
      school: { organisationMasterIdentifier: "900A101" },
      employee: { userIds: [{ userId: "niemand@nergens", userIdType: "NEPRI" }] },
    });
    expect([a.status, a.body]).toEqual([404, { status: 99, statusMessage: "employee not found" }]);
    const u = await sb.send("lr-a", "POST", "/usage/school/user", await sb.token("lr-a", "eduv.usage.dashboard"), {
      school: { organisationMasterIdentifier: "900A101" },
      user: { userMasterIdentifier: `https://ketenid.nl/201703/${"0".repeat(128)}` },
    });
    expect(u.status).toBe(404);
  });
});

describe("data: deterministic, realistic, Dutch", () => {
  const json = (seed: string) => JSON.stringify(createSandbox({ seed }).state.school("900B201").data.enrollments.slice(0, 500));

  it("same seed, same answers; another seed, other answers", () => {
    expect(json("a")).toBe(json("a"));
    expect(json("a")).not.toBe(json("b"));
  });

  it("PO: about 200 pupils in groups 1–8, one study enrollment each, ECK iDs in the real shape", () => {
    const { data } = createSandbox().state.school("900A101");
    expect(data.students).toHaveLength(204);
    expect(data.students.every((s) => ECK.test(s.userMasterIdentifier as string))).toBe(true);
    const years = new Set(data.enrollments.filter((e) => e.enrollmentType === "study" && e.status === "active").map((e) => e.studyYear));
    expect([...years].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(data.enrollments.some((e) => e.status === "tobedeleted" && e.schoolPeriod === "2024-2025")).toBe(true);
    expect(data.employees.length).toBeGreaterThanOrEqual(10);
  });

  it("VO: 10–14 subject enrollments per pupil, classes like H4b, teachers, mentors and coaches", () => {
    const { data } = createSandbox().state.school("900B201");
    const perPupil = new Map<string, number>();
    for (const e of data.enrollments)
      if (e.enrollmentType === "subject") {
        const id = (e.student as { userMasterIdentifier: string }).userMasterIdentifier;
        perPupil.set(id, (perPupil.get(id) ?? 0) + 1);
      }
    expect(Math.min(...perPupil.values())).toBe(10);
    expect(Math.max(...perPupil.values())).toBe(14);
    expect(data.pupils.some((p) => /^H4[a-z]$/.test(p.className))).toBe(true);
    const types = new Set([...data.assignments.values()].flat().map((a) => a.assignmentType));
    expect(types).toEqual(new Set(["teacher", "coach"]));
  });

  it("the bench scale has 3,000 pupils and 45,000 enrollments at one VO school", () => {
    const started = performance.now();
    const { data } = createSandbox({ scale: "bench" }).state.school("900B201");
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(data.students).toHaveLength(3000);
    expect(data.enrollments).toHaveLength(45_000);
  });

  it("benchPupils sets the bench school's size (SANDBOX_BENCH_PUPILS): 10,000 pupils for bench/scroll.ts, classes past z lettered aa, ab…", () => {
    const { data } = createSandbox({ scale: "bench", benchPupils: 10_000 }).state.school("900B201");
    expect(data.students).toHaveLength(10_000);
    expect(data.enrollments).toHaveLength(150_000);
    expect(data.pupils.every((p) => /^[MHV]\d[a-z]{1,2}$/.test(p.className))).toBe(true);
    expect(data.pupils.some((p) => p.className === "M1aa")).toBe(true);
    // The other schools keep their size.
    expect(createSandbox({ scale: "bench", benchPupils: 10_000 }).state.school("900B202").data.students).toHaveLength(1000);
  });

  it("entitlements occur in every status", async () => {
    const sb = testSandbox();
    const t = await sb.token("lr-a", "eduv.usage.dashboard");
    const statuses = new Set<string>();
    for (const p of sb.state.school("900B201").data.pupils.slice(0, 120)) {
      const r = await sb.send("lr-a", "POST", "/usage/school/user", t, {
        school: { organisationMasterIdentifier: "900B201" },
        user: { userMasterIdentifier: p.eck },
      });
      for (const e of (r.body as { entitlements: { entitlementStatus: string }[] }[])[0]!.entitlements) statuses.add(e.entitlementStatus);
    }
    expect([...statuses].sort()).toEqual(["blocked", "cancelled", "entitled", "expired", "licensed"]);
  });
});

describe("knobs", () => {
  async function studentsWith(knobs: object) {
    const sb = testSandbox({ knobs: { "las-a": knobs } });
    const t = await sb.token("las-a", "eduv.student.basic");
    const res = await sb.app.request("/las-a/v1/students/school?orgMasterId=900A101", { headers: { authorization: `Bearer ${t}` } });
    return { res, text: await res.text() };
  }

  it("invalidRecords: 1 gives exactly one schema-invalid record", async () => {
    const { text } = await studentsWith({ invalidRecords: 1 });
    const list = JSON.parse(text) as Record<string, unknown>[];
    expect(list.filter((s) => !("givenName" in s))).toHaveLength(1);
  });

  it.each([
    ["malformedJsonRate", { malformedJsonRate: 1 }, 200],
    ["errorRate", { errorRate: 1 }, 503],
    ["resetRate (in-process: marked answer)", { resetRate: 1 }, 500],
    ["expireTokens", { expireTokens: true }, 401],
    ["timeoutRate with a short hang", { timeoutRate: 1, hangMs: 20 }, 504],
  ])("%s", async (_label, knobs, status) => {
    const { res, text } = await studentsWith(knobs);
    expect(res.status).toBe(status);
    if (_label === "malformedJsonRate") expect(() => JSON.parse(text)).toThrow();
  });

  it("latencyMs delays the answer", async () => {
    const started = performance.now();
    await studentsWith({ latencyMs: 150 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("the admin endpoint changes and resets knobs", async () => {
    const sb = testSandbox();
    const put = await sb.app.request("/_admin/knobs", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ "lr-a": { errorRate: 0.5 } }),
    });
    expect(await put.json()).toMatchObject({ "lr-a": { errorRate: 0.5 } });
    const bad = await sb.app.request("/_admin/knobs", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ "lr-a": { errorRate: 2 } }),
    });
    expect(bad.status).toBe(400);
    await sb.app.request("/_admin/reset", { method: "POST" });
    expect(await (await sb.app.request("/_admin/knobs")).json()).toEqual({});
  });

  it("the admin scale knob switches 900B201 to the bench's 3,000 pupils, and reset switches back", async () => {
    const sb = testSandbox();
    // Reset also forgets issued tokens, so each count asks for a fresh one.
    const count = async () =>
      ((await sb.get("las-b", "/students/school?orgMasterId=900B201", await sb.token("las-b", "eduv.student.basic"))).body as unknown[])
        .length;
    const before = await count();
    const put = (scale: unknown) =>
      sb.app.request("/_admin/scale", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ scale }) });
    expect((await put("huge")).status).toBe(400);
    expect((await put("bench")).status).toBe(200);
    expect(await count()).toBe(3000);
    await sb.app.request("/_admin/reset", { method: "POST" });
    expect(await count()).toBe(before);
    expect(before).toBeLessThan(3000);
  });
});
