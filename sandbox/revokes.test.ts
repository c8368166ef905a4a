import { afterEach, describe, expect, it, vi } from "vitest";
import { validateSchema } from "../spec/validate";
import { clockedSandbox } from "./testing";

const T0 = Date.parse("2026-11-24T10:00:00Z");
const HORIZON = { organisationMasterIdentifier: "900B202" };
const REGENBOOG = { organisationMasterIdentifier: "900A101" };
const STUDENTS = "/students/school?orgMasterId=900B202";
const CONSENT_REQUIRED = { status: 22, statusMessage: "consent required" };
const SCHEMA_INCORRECT = { status: 11, statusMessage: "Schema incorrect" };

const request = (id: string, over: object = {}) => ({
  consumerReferenceId: id,
  school: HORIZON,
  api: "students-api",
  scopes: ["eduv.student.basic"],
  consumerStatus: "accepted",
  ...over,
});
const revoke = (over: object = {}) => ({
  school: HORIZON,
  api: "students-api",
  scopes: ["eduv.student.basic"],
  providerStatus: "revoked",
  ...over,
});

type Listing = { revokes: Array<Record<string, unknown>> };

/** las-b with req-1 for De Horizon's students confirmed at 10:01 as las-b-0001 (the pair starts without consent: a CONSENT_GAP). */
async function confirmed(opts: Parameters<typeof clockedSandbox>[1] = {}) {
  const sb = clockedSandbox(T0, opts);
  const t = await sb.token("las-b", "eduv.consent eduv.student.basic");
  expect((await sb.send("las-b", "PUT", "/consent/requests", t, request("req-1"))).status).toBe(202);
  sb.tick(60_000);
  expect((await sb.admin({ decide: "req-1", decision: "confirm" })).status).toBe(200);
  expect((await sb.get("las-b", STUDENTS, t)).status).toBe(200);
  const putRevoke = (body: unknown) => sb.send("las-b", "PUT", "/consent/revokes", t, body);
  const listing = async () => (await (await sb.app.request("/_admin/consent")).json()) as Listing;
  return { sb, t, putRevoke, listing };
}

const REVOKED_REQ_1 = {
  providerReferenceId: "las-b-0001",
  consumerReferenceId: "req-1",
  school: HORIZON,
  api: "students-api",
  scopes: ["eduv.student.basic"],
  providerStatus: "revoked",
  changedAt: "2026-11-24T10:02:00.000Z",
};

describe("PUT /consent/revokes", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("by consumerReferenceId: 202 with the API-Version, the data 403/0022, the statuses revoked; the same revoke again changes nothing", async () => {
    const { sb, t, putRevoke, listing } = await confirmed();
    const body = revoke({ consumerReferenceId: "req-1" });
    expect(validateSchema("ConsentRevoke", body).errors).toEqual([]);
    sb.tick(60_000);
    const r = await putRevoke(body);
    expect([r.status, r.body, r.headers.get("api-version")]).toEqual([202, undefined, "0.9.1"]);
    expect((await sb.get("las-b", STUDENTS, t)).body).toEqual(CONSENT_REQUIRED);
    expect((await sb.get("las-b", "/consent/statuses", t)).body).toEqual([REVOKED_REQ_1]);

    sb.tick(60_000);
    expect((await putRevoke(body)).status).toBe(202);
    // And by the Provider's reference the request got: the same registration, still revoked at 10:02.
    expect((await putRevoke(revoke({ providerReferenceId: "las-b-0001" }))).status).toBe(202);
    expect((await sb.get("las-b", "/consent/statuses", t)).body).toEqual([REVOKED_REQ_1]);
    expect((await listing()).revokes).toEqual([
      {
        consumerReferenceId: "req-1",
        providerReferenceId: null,
        sourceId: "las-b",
        clientId: "leermiddelendashboard",
        orgMasterId: "900B202",
        api: "students-api",
        changed: true,
        receivedAt: "2026-11-24T10:02:00.000Z",
      },
      expect.objectContaining({ consumerReferenceId: "req-1", changed: false, receivedAt: "2026-11-24T10:03:00.000Z" }),
      expect.objectContaining({ consumerReferenceId: null, providerReferenceId: "las-b-0001", changed: false }),
    ]);
  });

  it("by providerReferenceId of a confirmed request, with the school named by its V_ID", async () => {
    const { sb, t, putRevoke } = await confirmed();
    sb.tick(60_000);
    const school = { organisationIds: [{ organisationId: "99ZW00", organisationIdType: "V_ID" }] };
    expect((await putRevoke(revoke({ providerReferenceId: "las-b-0001", school }))).status).toBe(202);
    expect((await sb.get("las-b", "/consent/statuses", t)).body).toEqual([REVOKED_REQ_1]);
    expect((await sb.get("las-b", STUDENTS, t)).body).toEqual(CONSENT_REQUIRED);
  });

  it("by the reference of consent held from the start: revoked in the statuses (no longer also confirmed), that API's data 403/0022, the other API's still flowing", async () => {
    const sb = clockedSandbox(T0, { knobs: { "las-a": { reportHeldConsent: true } } });
    const t = await sb.token("las-a", "eduv.consent eduv.student.basic eduv.association");
    const students = "/students/school?orgMasterId=900A101";
    expect((await sb.get("las-a", students, t)).status).toBe(200);
    const held = (school: string, api: string) => ({
      providerReferenceId: `las-a-held-${school}-${api}`,
      school: { organisationMasterIdentifier: school },
      api,
      scopes: [],
      providerStatus: "confirmed",
      changedAt: "2026-11-24T10:00:00.000Z",
    });
    const revokedHeld = { ...held("900A101", "students-api"), providerStatus: "revoked", changedAt: "2026-11-24T10:01:00.000Z" };

    sb.tick(60_000);
    const body = revoke({ providerReferenceId: "las-a-held-900A101-students-api", school: REGENBOOG, scopes: ["eduv.student.basic"] });
    expect((await sb.send("las-a", "PUT", "/consent/revokes", t, body)).status).toBe(202);
    expect((await sb.get("las-a", students, t)).body).toEqual(CONSENT_REQUIRED);
    expect((await sb.get("las-a", "/enrollments/school?orgMasterId=900A101", t)).status).toBe(200);
    const all = (await sb.get("las-a", "/consent/statuses", t)).body as unknown[];
    expect(all).toHaveLength(4);
    expect(all).toEqual(
      expect.arrayContaining([
        held("900A101", "association-api"),
        held("900A102", "students-api"),
        held("900A102", "association-api"),
        revokedHeld,
      ]),
    );
    expect((await sb.get("las-a", "/consent/statuses?since=2026-11-24T10:00:00Z", t)).body).toEqual([revokedHeld]);

    // Idempotent, and reported whether or not the Source reports the consent it still holds.
    sb.tick(60_000);
    expect((await sb.send("las-a", "PUT", "/consent/revokes", t, body)).status).toBe(202);
    await sb.knobs({ "las-a": { reportHeldConsent: false } });
    expect((await sb.get("las-a", "/consent/statuses", t)).body).toEqual([revokedHeld]);

    // A reset brings the consent held from the start back (and forgets the tokens it issued).
    await sb.app.request("/_admin/reset", { method: "POST" });
    expect((await sb.get("las-a", students, await sb.token("las-a", "eduv.student.basic"))).status).toBe(200);
    expect(((await (await sb.app.request("/_admin/consent")).json()) as Listing).revokes).toEqual([]);
  });

  it("a request still open is revoked and its pending decision cancelled; a refused one stays refused (202, nothing changes)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const sb = clockedSandbox(T0, { knobs: { "las-b": { consentDecision: "confirm", consentDecisionDelayMs: 1_000 } } });
    const t = await sb.token("las-b", "eduv.consent eduv.student.basic");
    await sb.send("las-b", "PUT", "/consent/requests", t, request("open"));
    expect(vi.getTimerCount()).toBe(1);
    expect((await sb.send("las-b", "PUT", "/consent/revokes", t, revoke({ consumerReferenceId: "open" }))).status).toBe(202);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect((await sb.get("las-b", "/consent/statuses", t)).body).toMatchObject([
      { consumerReferenceId: "open", providerStatus: "revoked" },
    ]);
    expect((await sb.get("las-b", STUDENTS, t)).body).toEqual(CONSENT_REQUIRED);

    await sb.knobs({ "las-b": { consentDecision: "refuse", consentDecisionDelayMs: 0 } });
    const no = request("no", { api: "association-api", scopes: ["eduv.association"] });
    await sb.send("las-b", "PUT", "/consent/requests", t, no);
    sb.tick(60_000);
    const r = await sb.send("las-b", "PUT", "/consent/revokes", t, revoke({ consumerReferenceId: "no", api: "association-api" }));
    expect(r.status).toBe(202);
    expect((await sb.get("las-b", "/consent/statuses?api=association-api", t)).body).toMatchObject([
      { consumerReferenceId: "no", providerStatus: "refused", changedAt: "2026-11-24T10:00:00.000Z" },
    ]);
  });

  it("404 with 1003 for a consumerReferenceId this client has not sent to this Source, 1001 for a providerReferenceId it has no registration under", async () => {
    const { sb, putRevoke } = await confirmed();
    // The other supplier's request at las-a, and ours at las-a: neither is ours at las-b.
    const other = await sb.token("las-a", "eduv.consent", "other-supplier", "pw2");
    await sb.send("las-a", "PUT", "/consent/requests", other, request("theirs", { school: REGENBOOG }));
    await sb.send(
      "las-a",
      "PUT",
      "/consent/requests",
      await sb.token("las-a", "eduv.consent"),
      request("ours-at-a", { school: REGENBOOG }),
    );
    const unknownConsumer = { status: 1003, statusMessage: "consumerReferenceId unknown" };
    const unknownProvider = { status: 1001, statusMessage: "providerReferenceId unknown" };
    for (const [body, answer] of [
      [revoke({ consumerReferenceId: "nope" }), unknownConsumer],
      [revoke({ consumerReferenceId: "ours-at-a" }), unknownConsumer],
      [revoke({ consumerReferenceId: "nope", providerReferenceId: "las-b-0001" }), unknownConsumer],
      [revoke({ providerReferenceId: "las-b-0002" }), unknownProvider],
      // De Horizon's students are a gap at las-b: no consent was ever held there.
      [revoke({ providerReferenceId: "las-b-held-900B202-students-api" }), unknownProvider],
      [revoke({ consumerReferenceId: "req-1", providerReferenceId: "las-b-9999" }), unknownProvider],
    ] as const) {
      const r = await putRevoke(body);
      expect([r.status, r.body]).toEqual([404, answer]);
    }
    const theirs = await sb.send("las-a", "PUT", "/consent/revokes", await sb.token("las-a", "eduv.consent"), {
      ...revoke({ consumerReferenceId: "theirs" }),
      school: REGENBOOG,
    });
    expect([theirs.status, theirs.body]).toEqual([404, unknownConsumer]);
  });

  it("400/0011 for a body that is not a ConsentRevoke, or names another school, API or registration than the references do; 400/0023 for a school this Source does not serve", async () => {
    const { sb, t, putRevoke, listing } = await confirmed({ knobs: { "las-b": { reportHeldConsent: true } } });
    const byRef = { consumerReferenceId: "req-1" };
    for (const body of [
      revoke({ ...byRef, providerStatus: "confirmed" }),
      revoke({ ...byRef, providerStatus: undefined }),
      revoke(),
      revoke({ consumerReferenceId: "" }),
      revoke({ providerReferenceId: "" }),
      revoke({ ...byRef, api: "grades-api" }),
      revoke({ ...byRef, api: undefined }),
      revoke({ ...byRef, scopes: "eduv.student.basic" }),
      revoke({ ...byRef, school: undefined }),
      revoke({ ...byRef, school: { organisationMasterIdentifier: "900B201" } }),
      revoke({ ...byRef, api: "association-api" }),
      // Two references naming two registrations: req-1 and consent held for Meridiaan's students.
      revoke({ ...byRef, providerReferenceId: "las-b-held-900B201-students-api" }),
    ]) {
      const r = await putRevoke(body);
      expect([r.status, r.body]).toEqual([400, SCHEMA_INCORRECT]);
    }
    const elsewhere = await putRevoke(revoke({ ...byRef, school: REGENBOOG }));
    expect([elsewhere.status, elsewhere.body]).toEqual([400, { status: 23, statusMessage: "edu_org_id unknown" }]);
    // Nothing was revoked, nothing recorded.
    expect((await sb.get("las-b", STUDENTS, t)).status).toBe(200);
    expect((await listing()).revokes).toEqual([]);
  });

  it("401 without a token or without eduv.consent; 404 at the Aanspraakmanager", async () => {
    const { sb, t } = await confirmed();
    const body = JSON.stringify(revoke({ consumerReferenceId: "req-1" }));
    const put = (source: string, authorization?: string) =>
      sb.app.request(`/${source}/v1/consent/revokes`, {
        method: "PUT",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body,
      });
    expect((await put("las-b")).status).toBe(401);
    const scoped = await put("las-b", `Bearer ${await sb.token("las-b", "eduv.student.basic")}`);
    expect([scoped.status, await scoped.json()]).toEqual([401, { status: 21, statusMessage: "scope required" }]);
    expect((await put("am", `Bearer ${t}`)).status).toBe(404);
  });
});
