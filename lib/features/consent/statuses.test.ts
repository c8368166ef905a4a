import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "@/lib/db/client";
import {
  consentHistory,
  createConsentRequest,
  knownConsentOf,
  listConsentRequests,
  markConsentSent,
  statusCursors,
  type StatusCursor,
} from "@/lib/db/consent";
import { claimOne } from "@/lib/db/testing/claim";
import { freshStoreEnv } from "@/lib/db/testing/fresh-store";
import { EduvClient } from "@/lib/sources/transport/client";
import { fakeFetch, json, testConfig, testSigningKey } from "@/lib/sources/testing/fixtures";
import { TokenProvider } from "@/lib/sources/transport/token";
import { pollConsentStatuses } from "./statuses";

const backends: Array<[string, "pglite" | "postgres", boolean]> = [
  ["PGlite (embedded)", "pglite", true],
  [
    process.env.TEST_DATABASE_URL ? "PostgreSQL server" : "PostgreSQL server (skipped: TEST_DATABASE_URL not set; npm test sets it)",
    "postgres",
    !!process.env.TEST_DATABASE_URL,
  ],
];

type Status = {
  consumerReferenceId?: string;
  providerReferenceId?: string;
  providerStatus?: string;
  changedAt?: string;
  school?: unknown;
  api?: string;
  scopes?: string[];
};

/** The test config's "las" as a consent Provider whose GET /consent/statuses answers what the test puts in `answer`. */
async function provider() {
  const state = { answer: [] as Status[], down: false, sinces: [] as Array<string | null> };
  const fake = fakeFetch({
    "POST /las/oauth2/token": () => json({ access_token: "t", token_type: "Bearer", expires_in: 300, scope: "eduv.consent" }),
    "GET /las/v1/consent/statuses": (req) => {
      state.sinces.push(new URL(req.url).searchParams.get("since"));
      if (state.down) return json({ status: 99, statusMessage: "unavailable" }, 503);
      return json(
        state.answer.map((s) => ({
          school: { organisationMasterIdentifier: "900A101" },
          api: "students-api",
          scopes: ["eduv.student.basic"],
          ...s,
        })),
      );
    },
  });
  const key = await testSigningKey();
  const tokens = new TokenProvider({ signingKey: async () => key, fetch: fake.fetch });
  return { client: new EduvClient({ config: testConfig(), tokens, fetch: fake.fetch, maxAttempts: 1, breakerThreshold: 10_000 }), state };
}

const statusCursor = async (db: Store["db"], providerId: string): Promise<StatusCursor> =>
  (await statusCursors(db)).find((c) => c.providerId === providerId) ?? { providerId, since: null, polledAt: null, lastError: null };

const request = (providerId = "las") => ({
  schoolId: "obs",
  providerId,
  api: "students-api",
  scopes: ["eduv.student.basic"],
  delivery: "put" as const,
  send: true,
  actor: "toestemming@school.example",
});

describe.each(backends)("Provider consent statuses on %s", (_name, kind, enabled) => {
  let store: Store;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    if (!enabled) return;
    const fresh = await freshStoreEnv(kind);
    drop = fresh.drop;
    store = await openStore(kind === "pglite" ? { pgliteDir: "memory://", databaseUrl: "" } : { databaseUrl: fresh.env.DATABASE_URL });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await drop();
  });
  let p: Awaited<ReturnType<typeof provider>>;
  beforeEach(async () => {
    p = await provider();
  });
  const statusOf = async (id: string) =>
    (await listConsentRequests(store.db, { schoolIds: ["obs"] })).find((r) => r.consumerReferenceId === id)!;

  it.skipIf(!enabled)(
    "a confirmation is recorded with the Provider's reference and a history line, once even when polls overlap",
    async () => {
      const row = await createConsentRequest(store.db, request());
      await markConsentSent(store.db, await claimOne(store.db, row.consumerReferenceId), "HTTP 202");
      p.state.answer = [{ consumerReferenceId: row.consumerReferenceId, providerStatus: "requested", changedAt: "2026-11-24T10:00:00Z" }];
      expect(await pollConsentStatuses(store.db, p.client)).toMatchObject({ received: 1, recorded: 0 });
      expect((await statusOf(row.consumerReferenceId)).status).toBe("sent");

      p.state.answer = [
        {
          consumerReferenceId: row.consumerReferenceId,
          providerReferenceId: "alfa-0001",
          providerStatus: "confirmed",
          changedAt: "2026-11-24T10:05:00Z",
        },
      ];
      expect(await pollConsentStatuses(store.db, p.client)).toMatchObject({ received: 1, recorded: 1 });
      expect(await pollConsentStatuses(store.db, p.client)).toMatchObject({ received: 1, recorded: 0 });
      expect(await statusOf(row.consumerReferenceId)).toMatchObject({ status: "confirmed", providerReferenceId: "alfa-0001" });
      const history = await consentHistory(store.db, row.consumerReferenceId);
      expect(history.map((e) => [e.actor, e.event])).toEqual([
        ["toestemming@school.example", "created"],
        ["outbox", "sent"],
        ["las", "confirmed"],
      ]);
      expect(history[2]!.detail).toContain("alfa-0001");

      p.state.answer = [
        {
          consumerReferenceId: row.consumerReferenceId,
          providerReferenceId: "alfa-0001",
          providerStatus: "revoked",
          changedAt: "2026-11-24T11:00:00Z",
        },
      ];
      await pollConsentStatuses(store.db, p.client);
      expect(await statusOf(row.consumerReferenceId)).toMatchObject({ status: "revoked", providerReferenceId: "alfa-0001" });
    },
  );

  it.skipIf(!enabled)(
    "a Provider that sends neither providerStatus nor changedAt, and an empty reference until it confirms: confirmed once the reference comes",
    async () => {
      const row = await createConsentRequest(store.db, request());
      await markConsentSent(store.db, await claimOne(store.db, row.consumerReferenceId), "HTTP 202");
      p.state.answer = [{ consumerReferenceId: row.consumerReferenceId, providerReferenceId: "" }];
      expect(await pollConsentStatuses(store.db, p.client)).toMatchObject({ received: 1, recorded: 0, failed: [] });
      expect((await statusOf(row.consumerReferenceId)).status).toBe("sent");

      const beforeConfirm = Date.now();
      p.state.answer = [{ consumerReferenceId: row.consumerReferenceId, providerReferenceId: "beta-0007" }];
      expect(await pollConsentStatuses(store.db, p.client)).toMatchObject({ received: 1, recorded: 1 });
      expect(await statusOf(row.consumerReferenceId)).toMatchObject({ status: "confirmed", providerReferenceId: "beta-0007" });
      // Seen again: nothing changes, no second history line.
      expect(await pollConsentStatuses(store.db, p.client)).toMatchObject({ received: 1, recorded: 0 });
      expect((await consentHistory(store.db, row.consumerReferenceId)).filter((e) => e.event === "confirmed")).toHaveLength(1);
      // Without a time of its own, the cursor is our clock at sending, asked again with the overlap.
      const cursor = await statusCursor(store.db, "las");
      expect(cursor.since!.getTime()).toBeGreaterThanOrEqual(beforeConfirm);
      const lastSince = p.state.sinces.at(-1)!;
      expect(Date.parse(lastSince)).toBeLessThan(cursor.since!.getTime());
      expect(Date.parse(lastSince)).toBeGreaterThanOrEqual(beforeConfirm - 60_000);
    },
  );

  it.skipIf(!enabled)("a refusal is recorded; a queued request the Provider already refused is not sent any more", async () => {
    const row = await createConsentRequest(store.db, request());
    p.state.answer = [{ consumerReferenceId: row.consumerReferenceId, providerStatus: "refused", changedAt: "2026-11-24T10:00:00Z" }];
    expect(await pollConsentStatuses(store.db, p.client)).toMatchObject({ recorded: 1 });
    expect(await statusOf(row.consumerReferenceId)).toMatchObject({ status: "refused", providerReferenceId: null });
  });

  it.skipIf(!enabled)(
    "consent the Provider holds without a request of ours is kept as known at the Provider; another Provider's request changes nothing",
    async () => {
      const theirs = await createConsentRequest(store.db, request("lr"));
      const concept = await createConsentRequest(store.db, { ...request(), send: false });
      p.state.answer = [
        { consumerReferenceId: "not-ours", providerStatus: "confirmed", changedAt: "2026-11-24T10:00:00Z" },
        { providerReferenceId: "alfa-9", providerStatus: "confirmed", changedAt: "2026-11-24T10:00:00Z" },
        { consumerReferenceId: theirs.consumerReferenceId, providerStatus: "confirmed", changedAt: "2026-11-24T10:00:00Z" },
        { consumerReferenceId: concept.consumerReferenceId, providerStatus: "confirmed", changedAt: "2026-11-24T10:00:00Z" },
      ];
      // "not-ours" (a reference we never made) and the one without a reference are the Provider's own;
      // "theirs" names another Provider's request (its mistake: nothing to record); the concept stays one.
      expect(await pollConsentStatuses(store.db, p.client)).toMatchObject({ received: 4, recorded: 0, known: 2, unknown: 1 });
      expect((await statusOf(theirs.consumerReferenceId)).status).toBe("queued");
      expect((await statusOf(concept.consumerReferenceId)).status).toBe("concept");
      const known = await knownConsentOf(store.db, "obs");
      expect(known).toEqual([
        {
          providerId: "las",
          schoolId: "obs",
          api: "students-api",
          providerStatus: "confirmed",
          providerReferenceId: "alfa-9",
          changedAt: new Date("2026-11-24T10:00:00Z"),
        },
      ]);
      // The same report again changes nothing; an older one never overwrites a newer one.
      p.state.answer = [{ providerReferenceId: "alfa-8", providerStatus: "revoked", changedAt: "2026-11-23T10:00:00Z" }];
      expect(await pollConsentStatuses(store.db, p.client)).toMatchObject({ known: 0 });
      expect((await knownConsentOf(store.db, "obs"))[0]).toMatchObject({ providerStatus: "confirmed", providerReferenceId: "alfa-9" });
      p.state.answer = [{ providerReferenceId: "alfa-9", providerStatus: "revoked", changedAt: "2026-11-25T10:00:00Z" }];
      expect(await pollConsentStatuses(store.db, p.client)).toMatchObject({ known: 1 });
      expect((await knownConsentOf(store.db, "obs"))[0]).toMatchObject({ providerStatus: "revoked" });
    },
  );

  it.skipIf(!enabled)(
    "the cursor follows the latest change seen, asks a minute before it, and stays put while the Provider is down",
    async () => {
      // Each test has its own fake Provider, but the cursor lives in the store: begin from where earlier tests left it.
      const before = await statusCursor(store.db, "las");
      p.state.answer = [{ consumerReferenceId: "x", providerStatus: "requested", changedAt: "2030-01-01T12:00:00Z" }];
      await pollConsentStatuses(store.db, p.client);
      expect(p.state.sinces[0]).toBe(before.since ? new Date(before.since.getTime() - 60_000).toISOString() : null);
      expect((await statusCursor(store.db, "las")).since?.toISOString()).toBe("2030-01-01T12:00:00.000Z");

      p.state.answer = [];
      await pollConsentStatuses(store.db, p.client);
      expect(p.state.sinces[1]).toBe("2030-01-01T11:59:00.000Z");

      p.state.down = true;
      expect(await pollConsentStatuses(store.db, p.client)).toMatchObject({ failed: ["las"] });
      expect(await statusCursor(store.db, "las")).toMatchObject({ lastError: "server_error · HTTP 503 · 0099" });
      expect((await statusCursor(store.db, "las")).since?.toISOString()).toBe("2030-01-01T12:00:00.000Z");
      p.state.down = false;
      await pollConsentStatuses(store.db, p.client);
      expect(await statusCursor(store.db, "las")).toMatchObject({ lastError: null });
    },
  );
});
