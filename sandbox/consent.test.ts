import { afterEach, describe, expect, it, vi } from "vitest";
import { testSandbox } from "./testing";

const T0 = Date.parse("2026-11-24T10:00:00Z");
const HORIZON = { organisationMasterIdentifier: "900B202" };
const STUDENTS = "/students/school?orgMasterId=900B202";

/** A testSandbox on a clock that moves only when told, with the admin calls these tests make. */
function clocked(opts: Parameters<typeof testSandbox>[0] = {}) {
  let now = T0;
  const sb = testSandbox({ now: () => now, ...opts });
  const put = (path: string, body: unknown) =>
    sb.app.request(`/_admin/${path}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return {
    ...sb,
    tick: (ms: number) => (now += ms),
    admin: (body: unknown) => put("consent", body),
    knobs: (body: unknown) => put("knobs", body),
  };
}

const request = (id: string, over: object = {}) => ({
  consumerReferenceId: id,
  school: HORIZON,
  api: "students-api",
  scopes: ["eduv.student.basic"],
  consumerStatus: "accepted",
  ...over,
});

describe("GET /consent/statuses", () => {
  it("401/99 without a token, 401/21 with a token lacking eduv.consent", async () => {
    const sb = clocked();
    const none = await sb.get("las-b", "/consent/statuses", undefined);
    expect([none.status, none.body]).toEqual([401, { status: 99, statusMessage: "invalid or expired token" }]);
    expect(none.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    const scoped = await sb.get("las-b", "/consent/statuses", await sb.token("las-b", "eduv.student.basic"));
    expect([scoped.status, scoped.body]).toEqual([401, { status: 21, statusMessage: "scope required" }]);
    expect(scoped.headers.get("www-authenticate")).toBe('Bearer error="insufficient_scope", scope="eduv.consent"');
  });

  it.each([
    ["a date without a time", "?since=2026-11-24"],
    ["a time with an offset instead of Z", "?since=2026-11-24T10:00:00%2B01:00"],
    ["an api outside the enum", "?api=grades-api"],
    ["an unknown parameter", "?orgMasterId=900B202"],
    ["a repeated parameter", "?since=2026-11-24T10:00:00Z&since=2026-11-24T11:00:00Z"],
  ])("400/11 for %s", async (_label, query) => {
    const sb = clocked();
    const r = await sb.get("las-b", `/consent/statuses${query}`, await sb.token("las-b", "eduv.consent"));
    expect([r.status, r.body]).toEqual([400, { status: 11, statusMessage: "Schema incorrect" }]);
  });

  it("follows a request from requested to confirmed (with the Provider's reference) to revoked (keeping it), and the data with it", async () => {
    const sb = clocked();
    const t = await sb.token("las-b", "eduv.consent eduv.student.basic");
    expect((await sb.send("las-b", "PUT", "/consent/requests", t, request("req-1"))).status).toBe(202);
    const status = { consumerReferenceId: "req-1", school: HORIZON, api: "students-api", scopes: ["eduv.student.basic"] };

    const requested = await sb.get("las-b", "/consent/statuses", t);
    expect(requested.status).toBe(200);
    expect(requested.headers.get("api-version")).toBe("0.9.1");
    expect(requested.body).toEqual([{ ...status, providerStatus: "requested", changedAt: "2026-11-24T10:00:00.000Z" }]);
    expect((await sb.get("las-b", STUDENTS, t)).body).toEqual({ status: 22, statusMessage: "consent required" });

    sb.tick(60_000);
    expect((await sb.admin({ decide: "req-1", decision: "confirm" })).status).toBe(200);
    expect((await sb.get("las-b", "/consent/statuses", t)).body).toEqual([
      { providerReferenceId: "las-b-0001", ...status, providerStatus: "confirmed", changedAt: "2026-11-24T10:01:00.000Z" },
    ]);
    expect((await sb.get("las-b", STUDENTS, t)).status).toBe(200);

    sb.tick(60_000);
    expect((await sb.admin({ revoke: "req-1" })).status).toBe(200);
    expect((await sb.get("las-b", "/consent/statuses", t)).body).toEqual([
      { providerReferenceId: "las-b-0001", ...status, providerStatus: "revoked", changedAt: "2026-11-24T10:02:00.000Z" },
    ]);
    expect((await sb.get("las-b", STUDENTS, t)).body).toEqual({ status: 22, statusMessage: "consent required" });
  });

  it("admin: 404 with a reason for an unknown request or one in the wrong state, 400 for a decision it does not know", async () => {
    const sb = clocked();
    await sb.send("las-b", "PUT", "/consent/requests", await sb.token("las-b", "eduv.consent"), request("req-1"));
    const unknown = await sb.admin({ decide: "nope", decision: "confirm" });
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: "no such request nope" }]);
    const early = await sb.admin({ revoke: "req-1" });
    expect([early.status, await early.json()]).toEqual([404, { error: "request req-1 is requested" }]);
    expect((await sb.admin({ decide: "req-1", decision: "maybe" })).status).toBe(400);
    expect((await sb.admin({ decide: "req-1", decision: "refuse" })).status).toBe(200);
    const again = await sb.admin({ decide: "req-1", decision: "confirm" });
    expect([again.status, await again.json()]).toEqual([404, { error: "request req-1 is refused" }]);
    expect((await sb.admin({ approveRequest: "req-1" })).status).toBe(404);
  });

  it("since is strictly after; oldest change first, equal times by consumerReferenceId; api filters", async () => {
    const sb = clocked();
    const t = await sb.token("las-b", "eduv.consent");
    await sb.send("las-b", "PUT", "/consent/requests", t, request("req-b"));
    await sb.send("las-b", "PUT", "/consent/requests", t, request("req-a", { api: "association-api", scopes: ["eduv.association"] }));
    sb.tick(1_000);
    await sb.send("las-b", "PUT", "/consent/requests", t, request("req-c"));
    const ids = async (query: string) =>
      ((await sb.get("las-b", `/consent/statuses${query}`, t)).body as { consumerReferenceId: string }[]).map((s) => s.consumerReferenceId);
    expect(await ids("")).toEqual(["req-a", "req-b", "req-c"]);
    expect(await ids("?since=2026-11-24T09:59:59.999Z")).toEqual(["req-a", "req-b", "req-c"]);
    expect(await ids("?since=2026-11-24T10:00:00Z")).toEqual(["req-c"]);
    expect(await ids("?since=2026-11-24T10:00:01.000Z")).toEqual([]);
    expect(await ids("?api=association-api")).toEqual(["req-a"]);
    // Confirming req-b moves it behind req-c.
    sb.tick(1_000);
    await sb.admin({ decide: "req-b", decision: "confirm" });
    expect(await ids("?since=2026-11-24T10:00:00Z")).toEqual(["req-c", "req-b"]);
  });

  it("answers only the calling client's records at that Source", async () => {
    const sb = clocked();
    await sb.send(
      "las-a",
      "PUT",
      "/consent/requests",
      await sb.token("las-a", "eduv.consent"),
      request("ours", { school: { organisationMasterIdentifier: "900A101" } }),
    );
    await sb.send(
      "las-a",
      "PUT",
      "/consent/requests",
      await sb.token("las-a", "eduv.consent", "other-supplier", "pw2"),
      request("theirs", { school: { organisationMasterIdentifier: "900A102" } }),
    );
    await sb.send("las-b", "PUT", "/consent/requests", await sb.token("las-b", "eduv.consent"), request("elsewhere"));
    const ids = async (source: string, client?: [string, string]) =>
      (
        (await sb.get(source, "/consent/statuses", await sb.token(source, "eduv.consent", ...(client ?? [])))).body as {
          consumerReferenceId: string;
        }[]
      ).map((s) => s.consumerReferenceId);
    expect(await ids("las-a")).toEqual(["ours"]);
    expect(await ids("las-a", ["other-supplier", "pw2"])).toEqual(["theirs"]);
    expect(await ids("las-b")).toEqual(["elsewhere"]);
    expect(await ids("lr-a")).toEqual([]);
  });

  it("404 at the Aanspraakmanager, like PUT", async () => {
    const sb = clocked();
    expect((await sb.app.request("/am/v1/consent/statuses")).status).toBe(404);
  });
});

describe("reportHeldConsent: the consent a Provider held before the consumer asked", () => {
  it("is reported as confirmed without a consumerReferenceId, with the Provider's reference and day; a pair asked about since is reported by its request", async () => {
    const sb = clocked({ knobs: { "lr-b": { reportHeldConsent: true } } });
    const t = await sb.token("lr-b", "eduv.consent");
    const held = (await sb.get("lr-b", "/consent/statuses", t)).body as Array<Record<string, unknown>>;
    // lr-b serves every school; 900A102 and 900B202 are its gaps (CONSENT_GAPS): no consent there.
    expect(held).toEqual(
      ["900A101", "900B201"].map((school) => ({
        providerReferenceId: `lr-b-held-${school}-usage-api`,
        school: { organisationMasterIdentifier: school },
        api: "usage-api",
        scopes: [],
        providerStatus: "confirmed",
        changedAt: "2026-11-24T10:00:00.000Z", // the (clocked) sandbox's start
      })),
    );
    await sb.send(
      "lr-b",
      "PUT",
      "/consent/requests",
      t,
      request("req-held", { school: { organisationMasterIdentifier: "900A101" }, api: "usage-api", scopes: ["eduv.usage.dashboard"] }),
    );
    const after = (await sb.get("lr-b", "/consent/statuses", t)).body as Array<{ consumerReferenceId?: string; school: object }>;
    expect(after.map((s) => [s.consumerReferenceId ?? null, s.school])).toEqual([
      [null, { organisationMasterIdentifier: "900B201" }],
      ["req-held", { organisationMasterIdentifier: "900A101" }],
    ]);
    // Without the knob: only what was asked.
    await sb.knobs({ "lr-b": { reportHeldConsent: false } });
    expect(((await sb.get("lr-b", "/consent/statuses", t)).body as unknown[]).length).toBe(1);
  });
});

describe("consentStatusShape: minimal", () => {
  it("only what Edu-V promises: no providerStatus or changedAt, the reference empty until confirmed; refused and revoked left out; since on the Source's own change time", async () => {
    const sb = clocked({ knobs: { "las-b": { consentStatusShape: "minimal" } } });
    const t = await sb.token("las-b", "eduv.consent");
    for (const id of ["open", "yes", "no", "gone"]) await sb.send("las-b", "PUT", "/consent/requests", t, request(id));
    const status = (id: string, providerReferenceId = "") => ({
      providerReferenceId,
      consumerReferenceId: id,
      school: HORIZON,
      api: "students-api",
      scopes: ["eduv.student.basic"],
    });
    expect((await sb.get("las-b", "/consent/statuses", t)).body).toEqual(["gone", "no", "open", "yes"].map((id) => status(id)));

    sb.tick(60_000);
    await sb.admin({ decide: "yes", decision: "confirm" });
    await sb.admin({ decide: "no", decision: "refuse" });
    await sb.admin({ decide: "gone", decision: "confirm" });
    await sb.admin({ revoke: "gone" });
    const all = await sb.get("las-b", "/consent/statuses", t);
    expect([all.status, all.body]).toEqual([200, [status("open"), status("yes", "las-b-0001")]]);
    expect((await sb.get("las-b", "/consent/statuses?since=2026-11-24T10:00:30Z", t)).body).toEqual([status("yes", "las-b-0001")]);

    const ledger = (await (await sb.app.request("/_admin/variance")).json()) as Record<
      string,
      Record<string, { answers: number; records: number }>
    >;
    expect(ledger["las-b"]!["consent-statuses"]).toMatchObject({ answers: 3, records: 7 });
    await sb.knobs({ "las-b": { consentStatusShape: "full" } });
    expect(((await sb.get("las-b", "/consent/statuses", t)).body as { providerStatus: string }[]).map((s) => s.providerStatus)).toEqual([
      "requested",
      "revoked",
      "refused",
      "confirmed",
    ]);
  });
});

describe("the consentDecision knob", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("confirm after a delay: 403/22 until then, 200 after", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const sb = clocked();
    await sb.knobs({ "las-b": { consentDecision: "confirm", consentDecisionDelayMs: 1_000 } });
    const t = await sb.token("las-b", "eduv.consent eduv.student.basic");
    await sb.send("las-b", "PUT", "/consent/requests", t, request("req-1"));
    vi.advanceTimersByTime(999);
    expect((await sb.get("las-b", STUDENTS, t)).body).toEqual({ status: 22, statusMessage: "consent required" });
    expect((await sb.get("las-b", "/consent/statuses", t)).body).toMatchObject([{ providerStatus: "requested" }]);
    sb.tick(1_000);
    vi.advanceTimersByTime(1);
    expect((await sb.get("las-b", STUDENTS, t)).status).toBe(200);
    expect((await sb.get("las-b", "/consent/statuses", t)).body).toMatchObject([
      { providerReferenceId: "las-b-0001", providerStatus: "confirmed", changedAt: "2026-11-24T10:00:01.000Z" },
    ]);
  });

  it("refuse keeps 403/22 and says refused, without a Provider reference", async () => {
    const sb = clocked({ knobs: { "las-b": { consentDecision: "refuse" } } });
    const t = await sb.token("las-b", "eduv.consent eduv.student.basic");
    await sb.send("las-b", "PUT", "/consent/requests", t, request("req-1"));
    expect((await sb.get("las-b", STUDENTS, t)).body).toEqual({ status: 22, statusMessage: "consent required" });
    const [status] = (await sb.get("las-b", "/consent/statuses", t)).body as Record<string, unknown>[];
    expect(status).toMatchObject({ providerStatus: "refused", changedAt: "2026-11-24T10:00:00.000Z" });
    expect(status).not.toHaveProperty("providerReferenceId");
  });

  it("manual decides nothing, however long one waits", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const sb = clocked();
    const t = await sb.token("las-b", "eduv.consent eduv.student.basic");
    await sb.send("las-b", "PUT", "/consent/requests", t, request("req-1"));
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(600_000);
    expect((await sb.get("las-b", "/consent/statuses", t)).body).toMatchObject([{ providerStatus: "requested" }]);
    expect((await sb.get("las-b", STUDENTS, t)).status).toBe(403);
  });

  it("a knobs patch changes only the knobs it names, so an initial decision survives a latency patch and comes back on reset", async () => {
    const sb = clocked({ knobs: { "las-b": { consentDecision: "confirm", consentDecisionDelayMs: 1_500 } } });
    const knobs = async () => ((await (await sb.app.request("/_admin/knobs")).json()) as Record<string, Record<string, unknown>>)["las-b"];
    await sb.knobs({ "las-b": { latencyMs: 5 } });
    expect(await knobs()).toMatchObject({ latencyMs: 5, consentDecision: "confirm", consentDecisionDelayMs: 1_500 });
    expect((await sb.knobs({ "las-b": { consentDecision: "later" } })).status).toBe(400);
    await sb.knobs({ "las-b": { consentDecision: "manual" } });
    expect(await knobs()).toMatchObject({ latencyMs: 5, consentDecision: "manual" });
    await sb.app.request("/_admin/reset", { method: "POST" });
    expect(await knobs()).toMatchObject({ latencyMs: 0, consentDecision: "confirm", consentDecisionDelayMs: 1_500 });
  });

  it("reset cancels a pending decision", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const sb = clocked();
    await sb.knobs({ "las-b": { consentDecision: "confirm", consentDecisionDelayMs: 1_000 } });
    await sb.send("las-b", "PUT", "/consent/requests", await sb.token("las-b", "eduv.consent"), request("req-1"));
    expect(vi.getTimerCount()).toBe(1);
    await sb.app.request("/_admin/reset", { method: "POST" });
    expect(vi.getTimerCount()).toBe(0);
    // The same request again, now that the knob is back to manual: the old timer must not confirm it.
    const t = await sb.token("las-b", "eduv.consent eduv.student.basic");
    await sb.send("las-b", "PUT", "/consent/requests", t, request("req-1"));
    vi.advanceTimersByTime(1_000);
    expect((await sb.get("las-b", "/consent/statuses", t)).body).toMatchObject([{ providerStatus: "requested" }]);
    expect((await sb.get("las-b", STUDENTS, t)).status).toBe(403);
  });
});

describe("call counts", () => {
  it("the Consent API's calls are counted apart from the data calls a page or a fan-out makes", async () => {
    const sb = testSandbox();
    const t = await sb.token("lr-a", "eduv.consent eduv.usage.dashboard");
    expect((await sb.get("lr-a", "/consent/statuses", t)).status).toBe(200);
    expect((await sb.get("lr-a", "/consent/statuses", t)).status).toBe(200);
    expect(
      (
        await sb.send("lr-a", "POST", "/usage/school/user", t, {
          school: { organisationMasterIdentifier: "900A101" },
          user: { userMasterIdentifier: "https://ketenid.nl/201703/onbekend" },
        })
      ).status,
    ).toBe(404);
    const stats = (await (await sb.app.request("/_admin/stats")).json()) as Record<
      string,
      { calls: number; consentCalls: number; maxInFlight: number }
    >;
    expect(stats["lr-a"]).toEqual({ calls: 1, consentCalls: 2, inFlight: 0, maxInFlight: 1 });
  });
});
