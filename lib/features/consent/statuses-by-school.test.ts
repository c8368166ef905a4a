import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/client";
import { storeBackends } from "@/lib/db/testing/backends";
import {
  consentHistory,
  createConsentRequest,
  knownConsentOf,
  listConsentRequests,
  markConsentSent,
  saveStatusCursor,
  statusCursors,
} from "@/lib/db/consent";
import { claimOne } from "@/lib/db/testing/claim";
import { AnswerCache } from "@/lib/sources/answer-cache";
import { parseSourcesConfig, type SourcesConfig } from "@/lib/sources/config";
import { EduvClient } from "@/lib/sources/transport/client";
import type { SigningKey } from "@/lib/sources/transport/signing-key";
import { fakeFetch, json, testConfig, testSigningKey } from "@/lib/sources/testing/fixtures";
import { TokenProvider } from "@/lib/sources/transport/token";
import { consentOverview } from "./overview";
import { pollConsentStatuses } from "./statuses";

/**
 * A Provider whose entry says `consent.statusesBySchool` (ERRATA 41) is asked
 * GET /consent/statuses/school once per school it serves, each school with a cursor of its own.
 */

const backends = storeBackends();

let key: SigningKey;
beforeAll(async () => {
  key = await testSigningKey();
});

/**
 * The test config with a second school, known only by a V_ID (a vestiging), and "las" serving both
 * as a consent Provider; `statusesBySchool` as given.
 */
function configWith(statusesBySchool: boolean): SourcesConfig {
  const base = testConfig();
  return parseSourcesConfig({
    client: base.client,
    schools: [
      { id: "obs", name: "OBS Test", sector: "PO", organisationMasterIdentifier: "900A101" },
      {
        id: "vestiging",
        name: "Vestiging Test",
        sector: "PO",
        organisationIds: [{ organisationId: "12AB01", organisationIdType: "V_ID" }],
      },
    ],
    sources: base.sources.map((s) =>
      s.id === "las" ? { ...s, schools: ["obs", "vestiging"], consent: { delivery: "put", statusesBySchool } } : s,
    ),
  });
}
const bySchool = configWith(true);
const general = configWith(false);

const OBS = { organisationMasterIdentifier: "900A101" };
const VESTIGING = { organisationIds: [{ organisationId: "12AB01", organisationIdType: "V_ID" }] };

type Status = {
  consumerReferenceId?: string;
  providerReferenceId?: string;
  providerStatus?: string;
  changedAt?: string;
  school: unknown;
  api: string;
};

/**
 * "las" as a Provider with both status endpoints. Per school (keyed by the orgMasterId or orgId it is
 * asked with) it answers what the test puts in `answers`, or 503 while the school is in `down`; it keeps
 * the query of every ask. The general endpoint answers 500 while `generalDown`.
 */
function provider(config: SourcesConfig) {
  const state = {
    answers: {} as Record<string, Status[]>,
    down: new Set<string>(),
    asked: {} as Record<string, Array<Record<string, string>>>,
    generalAsked: 0,
    generalDown: false,
  };
  const fake = fakeFetch({
    "POST /las/oauth2/token": () => json({ access_token: "t", token_type: "Bearer", expires_in: 300, scope: "eduv.consent" }),
    "GET /las/v1/consent/statuses": () => {
      state.generalAsked++;
      if (state.generalDown) return json({ status: 99, statusMessage: "internal error" }, 500);
      return json([]);
    },
    "GET /las/v1/consent/statuses/school": (req) => {
      const query = Object.fromEntries(new URL(req.url).searchParams);
      const school = query.orgMasterId ?? query.orgId ?? "?";
      (state.asked[school] ??= []).push(query);
      if (state.down.has(school)) return json({ status: 99, statusMessage: "unavailable" }, 503);
      return json(state.answers[school] ?? []);
    },
  });
  const tokens = new TokenProvider({ signingKey: async () => key, fetch: fake.fetch });
  const client = new EduvClient({ config, tokens, fetch: fake.fetch, maxAttempts: 1, breakerThreshold: 10_000 });
  return { client, state, calls: fake.calls };
}

const cacheKey = (sourceId: string, schoolId: string) =>
  AnswerCache.key({ sourceId, schoolId, operationId: "get-students-for-school", query: {}, scopes: ["eduv.student.basic"] });
const fromCache = async (cache: AnswerCache<string>, k: string) =>
  (await cache.get(k, async () => ({ value: "fresh", bytes: 1 }))).fromCache;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(backends)("consent statuses asked per school on %s", (_name, open, enabled) => {
  let store: Store;
  beforeAll(async () => {
    if (!enabled) return;
    store = await open();
  }, 60_000);
  beforeEach(async () => {
    if (!enabled) return;
    for (const table of ["consent_request_events", "consent_requests", "consent_revokes", "consent_known", "consent_status_cursors"])
      await store.db.execute(sql.raw(`DELETE FROM ${table}`));
  });
  afterAll(async () => store?.close());

  const cursors = async () =>
    Object.fromEntries(
      (await statusCursors(store.db)).map((c) => [c.providerId, { since: c.since?.toISOString() ?? null, lastError: c.lastError }]),
    );
  const statusPoll = async (config: SourcesConfig, schoolId: string) =>
    (await consentOverview(store.db, config, schoolId)).matrix.rows.find((r) => r.providerId === "las")!.statusPoll;
  const polledAt = async (cursor: string) => (await statusCursors(store.db)).find((c) => c.providerId === cursor)!.polledAt!.toISOString();

  it.skipIf(!enabled)(
    "each school is asked by orgMasterId, or by orgId with orgIdType, never by the general endpoint; what it says is recorded",
    async () => {
      const p = provider(bySchool);
      const row = await createConsentRequest(store.db, {
        schoolId: "obs",
        providerId: "las",
        api: "students-api",
        scopes: ["eduv.student.basic"],
        delivery: "put",
        send: true,
        actor: "toestemming@school.example",
      });
      await markConsentSent(store.db, await claimOne(store.db, row.consumerReferenceId), "HTTP 202");
      p.state.answers["900A101"] = [
        {
          consumerReferenceId: row.consumerReferenceId,
          providerReferenceId: "las-77",
          providerStatus: "confirmed",
          changedAt: "2026-11-24T10:00:00Z",
          school: OBS,
          api: "students-api",
        },
      ];
      p.state.answers["12AB01"] = [
        {
          providerReferenceId: "las-held-3",
          providerStatus: "confirmed",
          changedAt: "2026-11-25T08:30:00Z",
          school: VESTIGING,
          api: "students-api",
        },
      ];
      const cache = new AnswerCache<string>({ maxEntries: 10, maxBytes: 100, ttlMs: 60_000 });
      for (const k of [cacheKey("las", "obs"), cacheKey("las", "vestiging"), cacheKey("lr", "obs")])
        await cache.get(k, async () => ({ value: "cached", bytes: 1 }));

      expect(await pollConsentStatuses(store.db, p.client)).toEqual({
        providers: 1,
        received: 2,
        recorded: 1,
        known: 1,
        unknown: 0,
        failed: [],
      });
      expect(p.state.asked).toEqual({
        "900A101": [{ orgMasterId: "900A101" }],
        "12AB01": [{ orgId: "12AB01", orgIdType: "V_ID" }],
      });
      expect(p.state.generalAsked).toBe(0);
      expect(p.calls.filter((c) => c.method === "GET").map((c) => new URL(c.url).pathname)).toEqual([
        "/las/v1/consent/statuses/school",
        "/las/v1/consent/statuses/school",
      ]);

      // A cursor per school, none for the Provider as a whole.
      expect(await cursors()).toEqual({
        "las#obs": { since: "2026-11-24T10:00:00.000Z", lastError: null },
        "las#vestiging": { since: "2026-11-25T08:30:00.000Z", lastError: null },
      });

      // Recorded as a status of the general endpoint is: our request confirmed with a history line,
      // consent the Provider holds kept for the school its V_ID names, and each school's cached answers of "las" dropped.
      const [request] = await listConsentRequests(store.db, { schoolIds: ["obs"] });
      expect(request).toMatchObject({ status: "confirmed", providerReferenceId: "las-77" });
      expect((await consentHistory(store.db, row.consumerReferenceId)).map((e) => [e.actor, e.event])).toEqual([
        ["toestemming@school.example", "created"],
        ["outbox", "sent"],
        ["las", "confirmed"],
      ]);
      expect(await knownConsentOf(store.db, "vestiging")).toEqual([
        {
          providerId: "las",
          schoolId: "vestiging",
          api: "students-api",
          providerStatus: "confirmed",
          providerReferenceId: "las-held-3",
          changedAt: new Date("2026-11-25T08:30:00Z"),
        },
      ]);
      expect(await knownConsentOf(store.db, "obs")).toEqual([]);
      expect(await fromCache(cache, cacheKey("las", "obs"))).toBe(false);
      expect(await fromCache(cache, cacheKey("las", "vestiging"))).toBe(false);
      expect(await fromCache(cache, cacheKey("lr", "obs"))).toBe(true);

      // The next poll sends each school its own since: its latest changedAt, a minute back.
      p.state.answers = {};
      expect(await pollConsentStatuses(store.db, p.client)).toMatchObject({ received: 0, failed: [] });
      expect(p.state.asked["900A101"]![1]).toEqual({ orgMasterId: "900A101", since: "2026-11-24T09:59:00.000Z" });
      expect(p.state.asked["12AB01"]![1]).toEqual({ orgId: "12AB01", orgIdType: "V_ID", since: "2026-11-25T08:29:00.000Z" });
      expect(p.state.generalAsked).toBe(0);
    },
  );

  it.skipIf(!enabled)("one school's failure keeps its own cursor; the other's moves on; the Provider is named once in failed", async () => {
    const p = provider(bySchool);
    p.state.answers["900A101"] = [
      { providerReferenceId: "las-1", providerStatus: "confirmed", changedAt: "2026-11-24T10:00:00Z", school: OBS, api: "students-api" },
    ];
    p.state.answers["12AB01"] = [
      {
        providerReferenceId: "las-2",
        providerStatus: "confirmed",
        changedAt: "2026-11-24T11:00:00Z",
        school: VESTIGING,
        api: "students-api",
      },
    ];
    await pollConsentStatuses(store.db, p.client);

    p.state.down.add("900A101");
    p.state.answers["12AB01"] = [
      {
        providerReferenceId: "las-2",
        providerStatus: "revoked",
        changedAt: "2026-11-26T12:00:00Z",
        school: VESTIGING,
        api: "students-api",
      },
    ];
    expect(await pollConsentStatuses(store.db, p.client)).toEqual({
      providers: 1,
      received: 1,
      recorded: 0,
      known: 1,
      unknown: 0,
      failed: ["las"],
    });
    expect(await cursors()).toEqual({
      "las#obs": { since: "2026-11-24T10:00:00.000Z", lastError: "server_error · HTTP 503 · 0099" },
      "las#vestiging": { since: "2026-11-26T12:00:00.000Z", lastError: null },
    });
    expect((await knownConsentOf(store.db, "vestiging"))[0]).toMatchObject({ providerStatus: "revoked", providerReferenceId: "las-2" });

    // Both schools failing: still one Provider not polled, and both cursors stay where they were.
    p.state.down.add("12AB01");
    expect(await pollConsentStatuses(store.db, p.client)).toMatchObject({ received: 0, failed: ["las"] });
    expect(await cursors()).toEqual({
      "las#obs": { since: "2026-11-24T10:00:00.000Z", lastError: "server_error · HTTP 503 · 0099" },
      "las#vestiging": { since: "2026-11-26T12:00:00.000Z", lastError: "server_error · HTTP 503 · 0099" },
    });
    // The failed school is asked again from where it stood.
    expect(p.state.asked["900A101"]!.at(-1)).toEqual({ orgMasterId: "900A101", since: "2026-11-24T09:59:00.000Z" });
    expect(p.state.asked["12AB01"]!.at(-1)).toEqual({ orgId: "12AB01", orgIdType: "V_ID", since: "2026-11-26T11:59:00.000Z" });

    p.state.down.clear();
    expect(await pollConsentStatuses(store.db, p.client)).toMatchObject({ failed: [] });
    expect(await cursors()).toEqual({
      "las#obs": { since: "2026-11-24T10:00:00.000Z", lastError: null },
      "las#vestiging": { since: "2026-11-26T12:00:00.000Z", lastError: null },
    });
  });

  it.skipIf(!enabled)(
    "the overview's statusPoll of a school reads its own cursor, and the Provider's general one until the school has one",
    async () => {
      // Before the Provider was asked per school: the general endpoint failed.
      const before = provider(general);
      before.state.generalDown = true;
      expect(await pollConsentStatuses(store.db, before.client)).toMatchObject({ failed: ["las"] });
      expect(before.state.generalAsked).toBe(1);
      expect(before.state.asked).toEqual({});
      const generalPolledAt = await polledAt("las");
      for (const school of ["obs", "vestiging"])
        expect(await statusPoll(bySchool, school)).toEqual({
          polledAt: generalPolledAt,
          lastError: "De bron meldt een storing. (HTTP 500 · 0099)",
        });

      await pause(20);
      // Asked per school now: De Vestiging's answer comes, OBS's Provider is down.
      const p = provider(bySchool);
      p.state.down.add("900A101");
      await pollConsentStatuses(store.db, p.client);
      const obs = await statusPoll(bySchool, "obs");
      const vestiging = await statusPoll(bySchool, "vestiging");
      expect(obs).toEqual({ polledAt: await polledAt("las#obs"), lastError: "De bron meldt een storing. (HTTP 503 · 0099)" });
      expect(vestiging).toEqual({ polledAt: await polledAt("las#vestiging"), lastError: null });
      expect(vestiging.polledAt).not.toBe(generalPolledAt);
      expect(Date.parse(vestiging.polledAt!)).toBeGreaterThan(Date.parse(generalPolledAt));
      // The general cursor is still there, with its error: each school reads its own.
      expect((await cursors()).las).toEqual({ since: null, lastError: "server_error · HTTP 500 · 0099" });
    },
  );

  it.skipIf(!enabled)("a Provider switched back to the general endpoint: statusPoll follows the general cursor", async () => {
    // Left from the days it was asked per school.
    await saveStatusCursor(store.db, "las#obs", { error: "server_error · HTTP 503 · 0099" });
    await pause(20);
    await saveStatusCursor(store.db, "las", { since: new Date() });
    expect(await statusPoll(general, "obs")).toEqual({ polledAt: await polledAt("las"), lastError: null });
  });
});
