import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/client";
import { storeBackends } from "@/lib/db/testing/backends";
import { consentHistory, createConsentRequest, listConsentRequests, recordProviderStatus } from "@/lib/db/consent";
import { EduvClient } from "@/lib/sources/transport/client";
import type { SigningKey } from "@/lib/sources/transport/signing-key";
import { fakeFetch, json, testConfig, testSigningKey } from "@/lib/sources/testing/fixtures";
import { TokenProvider } from "@/lib/sources/transport/token";
import type { ConsentApi } from "@/lib/sources/reading/schemas/consent";
import { sendDueWithdrawals } from "./outbox";
import { consentOverview } from "./overview";
import { recordStatus } from "./statuses";
import { withdrawConsent } from "./withdraw";

const backends = storeBackends();

let key: SigningKey;
beforeAll(async () => {
  key = await testSigningKey();
});

const config = testConfig();
const source = config.sources.find((s) => s.id === "las")!;
const ACTOR = "toestemming@school.example";
const REASON = "De school stopt met deze leerlingadministratie.";
const FAST = { baseMs: 5, capMs: 20, leaseSeconds: 60 };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The test config's "las" as a Provider taking revokes: up, down or refusing; it keeps every body it received. */
function provider() {
  const bodies: unknown[] = [];
  const state = { mode: "up" as "up" | "down" | "refuse" };
  const fake = fakeFetch({
    "POST /las/oauth2/token": () => json({ access_token: "t", token_type: "Bearer", expires_in: 300, scope: "eduv.consent" }),
    "PUT /las/v1/consent/revokes": async (req) => {
      if (state.mode === "down") return json({ status: 99, statusMessage: "unavailable" }, 503);
      if (state.mode === "refuse") return json({ status: 1003, statusMessage: "consumerReferenceId unknown" }, 404);
      bodies.push(await req.json());
      return new Response(null, { status: 202 });
    },
  });
  const tokens = new TokenProvider({ signingKey: async () => key, fetch: fake.fetch });
  const client = new EduvClient({ config, tokens, fetch: fake.fetch, maxAttempts: 1, breakerThreshold: 10_000 });
  return { client, bodies, state };
}

describe.each(backends)("withdrawing consent on %s", (_name, open, enabled) => {
  let store: Store;
  beforeAll(async () => {
    if (!enabled) return;
    store = await open();
  }, 60_000);
  beforeEach(async () => {
    if (!enabled) return;
    for (const table of ["consent_request_events", "consent_requests", "consent_revokes", "consent_known"])
      await store.db.execute(sql.raw(`DELETE FROM ${table}`));
  });
  afterAll(async () => store?.close());

  /** The matrix cell of the pair, as the page and the route see it. */
  const cell = async (api: ConsentApi = "students-api") =>
    (await consentOverview(store.db, config, "obs")).matrix.rows.find((r) => r.providerId === "las")!.cells.find((c) => c.api === api)!;
  const withdraw = async (api: ConsentApi = "students-api") => {
    const { request, known } = await cell(api);
    return withdrawConsent(store.db, config, "obs", { providerId: "las", api, reason: REASON }, ACTOR, { request, known });
  };
  /** One of our requests, confirmed by the Provider with reference P-7. */
  const confirmedRequest = async () => {
    const row = await createConsentRequest(store.db, {
      schoolId: "obs",
      providerId: "las",
      api: "students-api",
      scopes: ["eduv.student.basic", "eduv.student.demographics"],
      delivery: "put",
      send: true,
      actor: ACTOR,
    });
    await recordProviderStatus(store.db, "las", {
      consumerReferenceId: row.consumerReferenceId,
      providerReferenceId: "P-7",
      providerStatus: "confirmed",
    });
    return row.consumerReferenceId;
  };

  it.skipIf(!enabled)(
    "a confirmed request is withdrawn: stored and in force at once, then sent once as PUT /consent/revokes naming both references",
    async () => {
      const p = provider();
      const id = await confirmedRequest();
      expect((await cell()).withdrawable).toBe(true);
      const outcome = await withdraw();
      expect(outcome).toMatchObject({ ok: true, row: { status: "queued", consumerReferenceId: id, providerReferenceId: "P-7" } });
      // Before anything is sent: the request is revoked for the school, the cell shows the withdrawal and offers no second one.
      expect((await listConsentRequests(store.db, { schoolIds: ["obs"] }))[0]!.status).toBe("revoked");
      expect(await cell()).toMatchObject({ withdrawable: false, withdrawal: { status: "queued", reason: REASON, createdBy: ACTOR } });
      expect(p.bodies).toEqual([]);

      expect(await sendDueWithdrawals(store.db, p.client, FAST)).toEqual({ claimed: 1, sent: 1, failed: 0, retried: 0 });
      expect(await sendDueWithdrawals(store.db, p.client, FAST)).toMatchObject({ claimed: 0 });
      expect(p.bodies).toEqual([
        {
          consumerReferenceId: id,
          providerReferenceId: "P-7",
          school: { organisationMasterIdentifier: "900A101" },
          api: "students-api",
          scopes: ["eduv.student.basic", "eduv.student.demographics"],
          providerStatus: "revoked",
        },
      ]);
      expect((await cell()).withdrawal).toMatchObject({ status: "sent", attempts: 1, lastError: null });
      expect((await consentHistory(store.db, id)).map((e) => [e.event, e.detail])).toEqual([
        ["created", "queued"],
        ["confirmed", "providerReferenceId P-7"],
        ["withdrawn", REASON],
        ["revoke_sent", "HTTP 202"],
      ]);
    },
  );

  it.skipIf(!enabled)("the Provider's statuses confirm it; a poll that still saw the consent does not bring the request back", async () => {
    const p = provider();
    const id = await confirmedRequest();
    await withdraw();
    await sendDueWithdrawals(store.db, p.client, FAST);
    const status = { consumerReferenceId: id, providerReferenceId: "P-7", school: { organisationMasterIdentifier: "900A101" } };
    // An answer from before the Provider handled the revoke.
    expect(await recordStatus(store.db, config, source, { ...status, api: "students-api", providerStatus: "confirmed" })).toBe("unchanged");
    expect((await listConsentRequests(store.db, { schoolIds: ["obs"] }))[0]!.status).toBe("revoked");
    expect((await cell()).withdrawal!.status).toBe("sent");
    expect(await recordStatus(store.db, config, source, { ...status, api: "students-api", providerStatus: "revoked" })).toBe("recorded");
    expect((await cell()).withdrawal!.status).toBe("confirmed");
    expect((await consentHistory(store.db, id)).at(-1)).toMatchObject({
      actor: "las",
      event: "revoked",
      detail: "providerReferenceId P-7",
    });
    // Confirmed once: the same status again changes nothing.
    expect(await recordStatus(store.db, config, source, { ...status, api: "students-api", providerStatus: "revoked" })).toBe("unchanged");
  });

  it.skipIf(!enabled)(
    "consent the Provider holds without a request of ours is withdrawn by its reference, with the API's needed scopes",
    async () => {
      const p = provider();
      const held = { providerReferenceId: "las-held-1", school: { organisationMasterIdentifier: "900A101" }, api: "students-api" as const };
      expect(await recordStatus(store.db, config, source, { ...held, providerStatus: "confirmed" })).toBe("known");
      expect((await cell()).withdrawable).toBe(true);
      expect(await withdraw()).toMatchObject({ ok: true, row: { consumerReferenceId: null, providerReferenceId: "las-held-1" } });
      await sendDueWithdrawals(store.db, p.client, FAST);
      expect(p.bodies).toEqual([
        {
          providerReferenceId: "las-held-1",
          school: { organisationMasterIdentifier: "900A101" },
          api: "students-api",
          scopes: ["eduv.student.basic"],
          providerStatus: "revoked",
        },
      ]);
      expect(await recordStatus(store.db, config, source, { ...held, providerStatus: "revoked" })).toBe("known");
      expect(await cell()).toMatchObject({
        known: { providerStatus: "revoked" },
        withdrawal: { status: "confirmed" },
        withdrawable: false,
      });
    },
  );

  it.skipIf(!enabled)(
    "a Provider down is asked again until it takes the revoke; one that refuses it is shown, and the school may withdraw again",
    async () => {
      const p = provider();
      await confirmedRequest();
      await withdraw();
      p.state.mode = "down";
      expect(await sendDueWithdrawals(store.db, p.client, FAST)).toMatchObject({ retried: 1 });
      expect((await cell()).withdrawal).toMatchObject({ status: "queued", lastError: "HTTP 503 · 0099 · unavailable" });
      p.state.mode = "refuse";
      await pause(30);
      expect(await sendDueWithdrawals(store.db, p.client, FAST)).toMatchObject({ failed: 1 });
      expect(await cell()).toMatchObject({
        withdrawal: { status: "failed", attempts: 2, lastError: "HTTP 404 · 1003 · consumerReferenceId unknown" },
        // The request stays revoked for the school; what is left is telling the Provider, so the withdrawal can be sent again.
        withdrawable: true,
      });
      expect((await listConsentRequests(store.db, { schoolIds: ["obs"] }))[0]!.status).toBe("revoked");
      expect(p.bodies).toEqual([]);
      p.state.mode = "up";
      expect(await withdraw()).toMatchObject({ ok: true, row: { status: "queued", providerReferenceId: "P-7" } });
      await sendDueWithdrawals(store.db, p.client, FAST);
      expect(p.bodies).toMatchObject([{ providerReferenceId: "P-7", providerStatus: "revoked" }]);
      expect((await cell()).withdrawal).toMatchObject({ status: "sent", attempts: 1 });
    },
  );

  it.skipIf(!enabled)(
    "nothing to withdraw is a conflict, one on its way is not doubled, an API the Provider does not take is not found",
    async () => {
      expect(await withdraw()).toEqual({ ok: false, code: "conflict" });
      await confirmedRequest();
      expect(await withdraw()).toMatchObject({ ok: true });
      expect(await withdraw()).toEqual({ ok: false, code: "conflict" });
      const outcome = await withdrawConsent(store.db, config, "obs", { providerId: "las", api: "usage-api", reason: REASON }, ACTOR, {
        request: null,
        known: null,
      });
      expect(outcome).toEqual({ ok: false, code: "not_found" });
      const rows = await store.db.execute(sql`SELECT count(*)::int AS n FROM consent_revokes`);
      expect((rows.rows[0] as { n: number }).n).toBe(1);
    },
  );
});
