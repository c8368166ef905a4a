import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type ProtectedHeaderParameters } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSandbox } from "./app";
import { SCHOOLS } from "./data/schools";
import { entitlementsFor } from "./data/usage";
import { testSandbox } from "./testing";

const T0 = Date.parse("2026-11-24T10:00:00Z");
const HORIZON = { organisationMasterIdentifier: "900B202" };

type Mode = "ok" | "500" | "garbage" | "401";

/** A Data Consumer like the dashboard: a token endpoint that checks the Provider's client assertion, and GET /consent/requests. */
function fakeConsumer(jwksUrl: () => string) {
  const seen = {
    assertions: [] as { payload: JWTPayload; header: ProtectedHeaderParameters; clientId: string | null }[],
    since: [] as (string | null)[],
    rejected: 0,
  };
  const issued = new Set<string>();
  let jwks: JWTVerifyGetKey | undefined;
  const state = {
    mode: "ok" as Mode,
    items: [
      { consumerReferenceId: "poll-1", school: HORIZON, api: "usage-api", scopes: ["eduv.usage.dashboard"], consumerStatus: "accepted" },
      {
        consumerReferenceId: "poll-unknown-school",
        school: { organisationMasterIdentifier: "999X999" },
        api: "usage-api",
        scopes: ["eduv.usage.dashboard"],
        consumerStatus: "accepted",
      },
      { consumerReferenceId: "poll-invalid", school: HORIZON, scopes: ["eduv.usage.dashboard"], consumerStatus: "accepted" },
    ] as object[],
  };
  let tokenUrl = "";

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://consumer");
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(typeof body === "string" ? body : JSON.stringify(body));
    if (req.method === "POST" && url.pathname === "/token") {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      if (
        form.get("grant_type") !== "client_credentials" ||
        form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" ||
        form.get("scope") !== "eduv.consent"
      )
        return send(400, { error: "invalid_request" });
      try {
        jwks ??= createRemoteJWKSet(new URL(jwksUrl()));
        const { payload, protectedHeader } = await jwtVerify(form.get("client_assertion") ?? "", jwks, {
          issuer: "lr-b",
          subject: "lr-b",
          audience: tokenUrl,
          maxTokenAge: "5m",
          requiredClaims: ["jti", "exp"],
        });
        if (payload.exp! - payload.iat! > 300 || seen.assertions.some((a) => a.payload.jti === payload.jti))
          throw new Error("too long or replayed");
        seen.assertions.push({ payload, header: protectedHeader, clientId: form.get("client_id") });
      } catch {
        seen.rejected++;
        return send(401, { error: "invalid_client" });
      }
      const token = `tok-${issued.size + 1}`;
      issued.add(token);
      return send(200, { access_token: token, token_type: "Bearer", expires_in: 300, scope: "eduv.consent" });
    }
    if (req.method === "GET" && url.pathname === "/requests") {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!bearer || !issued.has(bearer)) return send(401, { status: 99, statusMessage: "invalid token" });
      seen.since.push(url.searchParams.get("since"));
      if (state.mode === "401") {
        issued.delete(bearer);
        return send(401, { status: 99, statusMessage: "secret-body" });
      }
      if (state.mode === "500") return send(500, "secret-body");
      if (state.mode === "garbage") return send(200, "<html>secret-body");
      return send(200, state.items);
    }
    send(404, {});
  }

  const server = createServer((req, res) => void handle(req, res));
  return {
    seen,
    state,
    server,
    async listen() {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      tokenUrl = `${base}/token`;
      return { tokenUrl, requestsUrl: `${base}/requests` };
    },
  };
}

describe("a polling Provider (lr-b) collects consent requests from the consumer", () => {
  let now = T0;
  let sandboxUrl = "";
  let sandboxServer: ServerType;
  const consumer = fakeConsumer(() => `${sandboxUrl}/lr-b/.well-known/jwks.json`);
  let sb: ReturnType<typeof testSandbox>;
  let urls: { tokenUrl: string; requestsUrl: string };
  const pollerStats = async () => ((await (await sb.app.request("/_admin/pollers")).json()) as Record<string, unknown>[])[0];
  const statuses = async () =>
    (await sb.get("lr-b", "/consent/statuses", await sb.token("lr-b", "eduv.consent"))).body as Record<string, unknown>[];

  beforeAll(async () => {
    urls = await consumer.listen();
    // An interval of an hour: the tests poll by hand.
    sb = testSandbox({
      now: () => now,
      consumers: [{ sourceId: "lr-b", clientId: "lr-b", consumerClientId: "leermiddelendashboard", ...urls, intervalMs: 3_600_000 }],
    });
    const port = await new Promise<number>((resolve) => {
      sandboxServer = serve({ fetch: (req, env) => sb.app.fetch(req, env), port: 0, hostname: "127.0.0.1" }, (info) => resolve(info.port));
    });
    sandboxUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(() => {
    sb.pollers.stop();
    consumer.server.close();
    sandboxServer.close();
  });

  it("publishes an ES256 public key at its JWKS, and other Sources have none", async () => {
    const res = await fetch(`${sandboxUrl}/lr-b/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", kid: expect.any(String) });
    expect(keys[0]).not.toHaveProperty("d");
    expect((await fetch(`${sandboxUrl}/lr-a/.well-known/jwks.json`)).status).toBe(404);
    expect((await createSandbox().app.request("/lr-b/.well-known/jwks.json")).status).toBe(404);
  });

  it("one poll: a valid client assertion, no since, and the request registered as requested; skipped what it cannot place", async () => {
    await sb.pollers.pollOnce();
    expect(consumer.seen.rejected).toBe(0);
    expect(consumer.seen.assertions).toHaveLength(1);
    const [{ payload, header, clientId }] = consumer.seen.assertions as [(typeof consumer.seen.assertions)[number]];
    expect(payload).toMatchObject({ iss: "lr-b", sub: "lr-b", aud: urls.tokenUrl });
    expect(header.alg).toBe("ES256");
    expect(clientId).toBe("lr-b");
    expect(consumer.seen.since).toEqual([null]);
    expect(await statuses()).toEqual([
      {
        consumerReferenceId: "poll-1",
        school: HORIZON,
        api: "usage-api",
        scopes: ["eduv.usage.dashboard"],
        providerStatus: "requested",
        changedAt: "2026-11-24T10:00:00.000Z",
      },
    ]);
    expect(await pollerStats()).toMatchObject({
      sourceId: "lr-b",
      polls: 1,
      failures: 0,
      received: 1,
      since: "2026-11-24T09:59:55.000Z",
      lastError: null,
    });
  });

  it("the next poll sends since (start of the previous poll minus 5 s) with the cached token; the same request changes nothing", async () => {
    now = T0 + 60_000;
    await sb.pollers.pollOnce();
    expect(consumer.seen.since).toEqual([null, "2026-11-24T09:59:55.000Z"]);
    expect(consumer.seen.assertions).toHaveLength(1);
    expect(await statuses()).toMatchObject([
      { consumerReferenceId: "poll-1", providerStatus: "requested", changedAt: "2026-11-24T10:00:00.000Z" },
    ]);
    expect(await pollerStats()).toMatchObject({ polls: 2, received: 1, since: "2026-11-24T10:00:55.000Z" });
  });

  it("a confirmed polled request lets lr-b's usage data flow for that school", async () => {
    const t = await sb.token("lr-b", "eduv.usage.dashboard");
    const school = SCHOOLS.find((s) => s.orgMasterId === "900B202")!;
    const pupil = sb.state
      .school("900B202")
      .data.pupils.find((p) => entitlementsFor(sb.state.seed, "lr-b", school, { pupil: p }).length > 0)!;
    const usage = () => sb.send("lr-b", "POST", "/usage/school/user", t, { school: HORIZON, user: { userMasterIdentifier: pupil.eck } });
    expect((await usage()).body).toEqual({ status: 22, statusMessage: "consent required" });
    expect(
      (
        await sb.app.request("/_admin/consent", {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ decide: "poll-1", decision: "confirm" }),
        })
      ).status,
    ).toBe(200);
    expect((await usage()).status).toBe(200);
    expect(await statuses()).toMatchObject([{ providerReferenceId: "lr-b-0001", providerStatus: "confirmed" }]);
  });

  it("a consumer answering 500, garbage or 401 does not crash the poller: one log line without body or token, the cursor stays", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      now = T0 + 120_000;
      for (const mode of ["500", "garbage", "401"] as const) {
        consumer.state.mode = mode;
        await expect(sb.pollers.pollOnce()).resolves.toBeUndefined();
      }
      expect(consumer.seen.since.slice(2)).toEqual(["2026-11-24T10:00:55.000Z", "2026-11-24T10:00:55.000Z", "2026-11-24T10:00:55.000Z"]);
      expect(await pollerStats()).toMatchObject({
        polls: 5,
        failures: 3,
        since: "2026-11-24T10:00:55.000Z",
        lastError: "requests HTTP 401",
      });
      const lines = warn.mock.calls.map((args) => args.join(" "));
      expect(lines).toEqual([
        expect.stringMatching(/^consent poll lr-b → http:\/\/127\.0\.0\.1:\d+: requests HTTP 500$/),
        expect.stringMatching(/: requests answer is not a JSON array$/),
        expect.stringMatching(/: requests HTTP 401$/),
      ]);
      expect(lines.join("\n")).not.toMatch(/secret-body|tok-/);

      // Back to normal: after the 401 the poller proved its key again, and the cursor moves on.
      consumer.state.mode = "ok";
      await sb.pollers.pollOnce();
      expect(consumer.seen.assertions).toHaveLength(2);
      expect(await pollerStats()).toMatchObject({ polls: 6, failures: 3, since: "2026-11-24T10:01:55.000Z", lastError: null });
    } finally {
      warn.mockRestore();
    }
  });

  it("a consumer that is down is a failure retried next round, logged once it stays unreachable past the first minute", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    let clock = T0;
    const down = createSandbox({
      now: () => clock,
      consumers: [
        {
          sourceId: "lr-b",
          clientId: "lr-b",
          consumerClientId: "leermiddelendashboard",
          tokenUrl: `${base}/token`,
          requestsUrl: `${base}/requests`,
          intervalMs: 3_600_000,
        },
      ],
    });
    try {
      // Starting alongside the sandbox (the demo, the e2e run): not yet worth a log line.
      await down.pollers.pollOnce();
      clock = T0 + 59_000;
      await down.pollers.pollOnce();
      expect(down.pollers.stats()[0]).toMatchObject({ polls: 2, failures: 2, since: null, lastError: "unreachable (ECONNREFUSED)" });
      expect(warn).not.toHaveBeenCalled();
      clock = T0 + 61_000;
      await down.pollers.pollOnce();
      await down.pollers.pollOnce();
      expect(down.pollers.stats()[0]).toMatchObject({ polls: 4, failures: 4, lastError: "unreachable (ECONNREFUSED)" });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toBe(`consent poll lr-b → ${base}: unreachable (ECONNREFUSED)`);
    } finally {
      down.pollers.stop();
      warn.mockRestore();
    }
  });

  it("with the confirm knob a polled request is decided by the Source; after a reset it collects only what changes from then on", async () => {
    await sb.app.request("/_admin/knobs", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ "lr-b": { consentDecision: "confirm" } }),
    });
    consumer.state.items = [
      {
        consumerReferenceId: "poll-2",
        school: { organisationIds: [{ organisationId: "99ZY00", organisationIdType: "V_ID" }] },
        api: "usage-api",
        scopes: ["eduv.usage.dashboard"],
        consumerStatus: "accepted",
      },
    ];
    now = T0 + 180_000;
    await sb.pollers.pollOnce();
    expect((await statuses()).at(-1)).toEqual({
      providerReferenceId: "lr-b-0002",
      consumerReferenceId: "poll-2",
      school: { organisationIds: [{ organisationId: "99ZY00", organisationIdType: "V_ID" }] },
      api: "usage-api",
      scopes: ["eduv.usage.dashboard"],
      providerStatus: "confirmed",
      changedAt: "2026-11-24T10:03:00.000Z",
    });
    expect(sb.state.consent.has("lr-b", "leermiddelendashboard", "900A102", "usage-api")).toBe(true);

    now = T0 + 240_000;
    await sb.app.request("/_admin/reset", { method: "POST" });
    expect(await pollerStats()).toMatchObject({ polls: 0, received: 0, since: "2026-11-24T10:04:00.000Z" });
    expect(sb.state.consent.has("lr-b", "leermiddelendashboard", "900A102", "usage-api")).toBe(false);
    await sb.pollers.pollOnce();
    expect(consumer.seen.since.at(-1)).toBe("2026-11-24T10:04:00.000Z");
  });
});
