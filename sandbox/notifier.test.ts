import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { validateSchema } from "../spec/validate";
import { fakeConsumer } from "./fake-consumer";
import type { SandboxOptions } from "./state";
import { clockedSandbox } from "./testing";

const T0 = Date.parse("2026-11-24T10:00:00Z");
const HORIZON = { organisationMasterIdentifier: "900B202" };
const cleanups: Array<() => unknown> = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

type Link = NonNullable<SandboxOptions["notifiers"]>[number];

/**
 * A fake consumer, and a sandbox served on a port (the consumer fetches the Source's JWKS from it)
 * whose las-b (or `link.sourceId`) pushes to that consumer; with `poll`, the same Source polls it too.
 */
async function setUp(link: Partial<Link> = {}, poll = false) {
  let sandboxUrl = "";
  const consumer = fakeConsumer(() => `${sandboxUrl}/${link.sourceId ?? "las-b"}/.well-known/jwks.json`);
  const urls = await consumer.listen();
  const notifier = { sourceId: "las-b" as const, clientId: "las-b", consumerClientId: "leermiddelendashboard", ...urls, ...link };
  const consumers = poll ? [{ ...notifier, requestsUrl: urls.requestsUrl, intervalMs: 3_600_000 }] : [];
  const sb = clockedSandbox(T0, { notifiers: [notifier], consumers });
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: (req, env) => sb.app.fetch(req, env), port: 0, hostname: "127.0.0.1" }, (info) => resolve(info.port));
  });
  sandboxUrl = `http://127.0.0.1:${port}`;
  cleanups.push(
    () => consumer.close(),
    () => server?.close(),
    () => sb.pollers.stop(),
  );
  const t = await sb.token(notifier.sourceId, "eduv.consent");
  const ask = (id: string, over: object = {}) =>
    sb.send(notifier.sourceId, "PUT", "/consent/requests", t, {
      consumerReferenceId: id,
      school: HORIZON,
      api: "students-api",
      scopes: ["eduv.student.basic"],
      consumerStatus: "accepted",
      ...over,
    });
  const revoke = (body: object) =>
    sb.send(notifier.sourceId, "PUT", "/consent/revokes", t, { school: HORIZON, api: "students-api", providerStatus: "revoked", ...body });
  const stats = async () => ((await (await sb.app.request("/_admin/notifiers")).json()) as Array<Record<string, unknown>>)[0];
  const bodies = () => consumer.seen.notifications.map((n) => n.body);
  return { sb, t, consumer, urls, sandboxUrl, ask, revoke, stats, bodies };
}

const REQ_1 = { consumerReferenceId: "req-1", school: HORIZON, api: "students-api", scopes: ["eduv.student.basic"] };

describe("a Provider that pushes (las-b notifies the consumer of every change)", () => {
  it("one ConsentNotification per decision or revoke, with a token got by a valid ES256 client assertion; nothing for a receipt, a repeat or another Source", async () => {
    const { sb, consumer, urls, sandboxUrl, ask, revoke, stats, bodies } = await setUp();
    expect((await ask("req-1")).status).toBe(202);
    expect((await ask("req-2", { api: "association-api", scopes: ["eduv.association"] })).status).toBe(202);
    await sb.notifiers.settled();
    expect(consumer.seen.attempts).toBe(0);

    sb.tick(60_000);
    await sb.admin({ decide: "req-1", decision: "confirm" });
    await sb.admin({ decide: "req-2", decision: "refuse" });
    sb.tick(60_000);
    expect((await revoke({ consumerReferenceId: "req-1" })).status).toBe(202);
    expect((await revoke({ consumerReferenceId: "req-1" })).status).toBe(202);
    // The same client's change at las-a, which does not push.
    const la = await sb.token("las-a", "eduv.consent");
    await sb.send("las-a", "PUT", "/consent/requests", la, {
      ...REQ_1,
      consumerReferenceId: "at-a",
      school: { organisationMasterIdentifier: "900A101" },
      consumerStatus: "accepted",
    });
    await sb.admin({ decide: "at-a", decision: "confirm" });
    await sb.notifiers.settled();

    expect(bodies()).toEqual([
      { providerReferenceId: "las-b-0001", ...REQ_1, providerStatus: "confirmed", changedAt: "2026-11-24T10:01:00.000Z" },
      {
        consumerReferenceId: "req-2",
        school: HORIZON,
        api: "association-api",
        scopes: ["eduv.association"],
        providerStatus: "refused",
        changedAt: "2026-11-24T10:01:00.000Z",
      },
      { providerReferenceId: "las-b-0001", ...REQ_1, providerStatus: "revoked", changedAt: "2026-11-24T10:02:00.000Z" },
    ]);
    for (const body of bodies()) expect(validateSchema("ConsentStatus", body).errors).toEqual([]);
    expect(consumer.seen.notifications.map((n) => [n.token, n.contentType])).toEqual(Array(3).fill(["tok-1", "application/json"]));

    // One token for all three: one client assertion, signed with the key las-b publishes.
    expect(consumer.seen.rejected).toBe(0);
    expect(consumer.seen.assertions).toHaveLength(1);
    const [{ payload, header, clientId }] = consumer.seen.assertions as [(typeof consumer.seen.assertions)[number]];
    expect([payload.iss, payload.sub, payload.aud, clientId, header.alg]).toEqual(["las-b", "las-b", urls.tokenUrl, "las-b", "ES256"]);
    const { keys } = (await (await fetch(`${sandboxUrl}/las-b/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
    expect(keys.map((k) => k.kid)).toEqual([header.kid]);
    expect(await stats()).toEqual({
      sourceId: "las-b",
      consumerClientId: "leermiddelendashboard",
      notificationsUrl: urls.notificationsUrl,
      sent: 3,
      failed: 0,
      retries: 0,
      pending: 0,
      lastError: null,
    });
  });

  it("pushes a decision the Source takes after a delay, the revoke of consent held from the start, and the administrator's revoke", async () => {
    const { sb, consumer, ask, revoke, bodies } = await setUp();
    await sb.knobs({ "las-b": { consentDecision: "confirm", consentDecisionDelayMs: 30 } });
    await ask("req-1");
    await vi.waitFor(() => expect(consumer.seen.notifications).toHaveLength(1), { timeout: 5_000 });
    sb.tick(60_000);
    await revoke({ providerReferenceId: "las-b-held-900B201-students-api", school: { organisationMasterIdentifier: "900B201" } });
    await sb.admin({ revoke: "req-1" });
    await sb.notifiers.settled();
    expect(bodies()).toEqual([
      { providerReferenceId: "las-b-0001", ...REQ_1, providerStatus: "confirmed", changedAt: "2026-11-24T10:00:00.000Z" },
      {
        providerReferenceId: "las-b-held-900B201-students-api",
        school: { organisationMasterIdentifier: "900B201" },
        api: "students-api",
        scopes: [],
        providerStatus: "revoked",
        changedAt: "2026-11-24T10:01:00.000Z",
      },
      { providerReferenceId: "las-b-0001", ...REQ_1, providerStatus: "revoked", changedAt: "2026-11-24T10:01:00.000Z" },
    ]);
  });

  it("retries a push that failed once, after half a second, and counts it sent", async () => {
    const { sb, consumer, ask, stats } = await setUp();
    await ask("req-1");
    consumer.control.fail = 1;
    const started = performance.now();
    await sb.admin({ decide: "req-1", decision: "confirm" });
    await sb.notifiers.settled();
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    expect(consumer.seen.attempts).toBe(2);
    expect(consumer.seen.notifications.map((n) => n.body)).toMatchObject([{ consumerReferenceId: "req-1", providerStatus: "confirmed" }]);
    expect(await stats()).toMatchObject({ sent: 1, failed: 0, retries: 1, pending: 0, lastError: null });
  });

  it("gives up after three tries: counted and logged once without body or token; the next change goes through", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { sb, consumer, urls, ask, stats } = await setUp({ retryDelaysMs: [10, 20] });
    await ask("req-1");
    await ask("req-2", { api: "association-api", scopes: ["eduv.association"] });
    consumer.control.fail = 3;
    await sb.admin({ decide: "req-1", decision: "confirm" });
    await sb.notifiers.settled();
    expect([consumer.seen.attempts, consumer.seen.notifications.length]).toEqual([3, 0]);
    expect(await stats()).toMatchObject({ sent: 0, failed: 1, retries: 2, lastError: "notification HTTP 503" });
    expect(warn.mock.calls.map((args) => args.join(" "))).toEqual([
      `consent notification las-b → ${new URL(urls.notificationsUrl).origin}: notification HTTP 503, given up after 3 tries`,
    ]);

    await sb.admin({ decide: "req-2", decision: "refuse" });
    await sb.notifiers.settled();
    expect(consumer.seen.notifications.map((n) => n.body)).toMatchObject([{ consumerReferenceId: "req-2", providerStatus: "refused" }]);
    expect(await stats()).toMatchObject({ sent: 1, failed: 1, retries: 2, lastError: null });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("a 401 makes it prove its key again for the retry", async () => {
    const { sb, consumer, ask, stats } = await setUp({ retryDelaysMs: [10, 20] });
    await ask("req-1");
    await ask("req-2", { api: "association-api", scopes: ["eduv.association"] });
    await sb.admin({ decide: "req-1", decision: "confirm" });
    await sb.notifiers.settled();
    consumer.control.rejectToken = true;
    await sb.admin({ decide: "req-2", decision: "confirm" });
    await sb.notifiers.settled();
    expect(consumer.seen.attempts).toBe(3);
    expect(consumer.seen.notifications.map((n) => n.token)).toEqual(["tok-1", "tok-2"]);
    expect(consumer.seen.assertions).toHaveLength(2);
    expect(await stats()).toMatchObject({ sent: 2, failed: 0, retries: 1, lastError: null });
  });

  it("an unreachable consumer: failed after the retries, the reason without address details beyond the origin", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { sb, ask, stats } = await setUp({ tokenUrl: `${base}/token`, notificationsUrl: `${base}/notifications`, retryDelaysMs: [1, 1] });
    await ask("req-1");
    await sb.admin({ decide: "req-1", decision: "confirm" });
    await sb.notifiers.settled();
    expect(await stats()).toMatchObject({ sent: 0, failed: 1, retries: 2, lastError: "unreachable (ECONNREFUSED)" });
    expect(warn.mock.calls.map((args) => args.join(" "))).toEqual([
      `consent notification las-b → ${base}: unreachable (ECONNREFUSED), given up after 3 tries`,
    ]);
  });

  it("the consentPush knob turns pushing off; reset clears the stats", async () => {
    const { sb, consumer, ask, stats } = await setUp();
    await ask("req-1");
    await sb.admin({ decide: "req-1", decision: "confirm" });
    await sb.notifiers.settled();
    expect(await stats()).toMatchObject({ sent: 1 });
    await sb.knobs({ "las-b": { consentPush: false } });
    await sb.admin({ revoke: "req-1" });
    await sb.notifiers.settled();
    expect(consumer.seen.attempts).toBe(1);
    await sb.app.request("/_admin/reset", { method: "POST" });
    expect(await stats()).toMatchObject({ sent: 0, failed: 0, retries: 0, pending: 0, lastError: null });
  });

  it("a Source that polls and pushes has one key: both assertions carry its kid, and the other Sources publish none", async () => {
    const { sb, consumer, sandboxUrl, ask } = await setUp({ sourceId: "lr-b", clientId: "lr-b" }, true);
    const { keys } = (await (await fetch(`${sandboxUrl}/lr-b/.well-known/jwks.json`)).json()) as { keys: Array<Record<string, unknown>> };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    expect(keys[0]).not.toHaveProperty("d");
    await sb.pollers.pollOnce();
    expect(sb.pollers.stats()[0]).toMatchObject({ polls: 1, failures: 0 });
    await ask("u-1", { api: "usage-api", scopes: ["eduv.usage.dashboard"] });
    await sb.admin({ decide: "u-1", decision: "confirm" });
    await sb.notifiers.settled();
    expect(consumer.seen.rejected).toBe(0);
    expect(consumer.seen.assertions.map((a) => [a.clientId, a.header.kid])).toEqual([
      ["lr-b", keys[0]!.kid],
      ["lr-b", keys[0]!.kid],
    ]);
    expect(consumer.seen.notifications.map((n) => n.body)).toMatchObject([{ consumerReferenceId: "u-1", providerStatus: "confirmed" }]);
    for (const other of ["las-a", "las-b", "lr-a", "am"])
      expect((await fetch(`${sandboxUrl}/${other}/.well-known/jwks.json`)).status).toBe(404);
  });
});
