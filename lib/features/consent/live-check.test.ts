import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openStore, type Store } from "@/lib/db/client";
import { EduvClient } from "@/lib/sources/transport/client";
import { fakeFetch, json, testConfig, testSigningKey } from "@/lib/sources/testing/fixtures";
import { TokenProvider } from "@/lib/sources/transport/token";
import { checkDuePairs, checkPair, checkView, checksOf, recordedConsent } from "./live-check";

/**
 * The live check against a fake Provider ("las" for the LAS APIs, "lr" for usage in the test config):
 * what each API is asked, and what each answer means. The store is PGlite only: the check keeps one
 * row per pair with an upsert that is plain SQL on both stores (the withdrawal tests run both).
 */
type Answer = "ok" | "consent" | "unknown-person" | "down" | "scope";

async function provider() {
  const state = { answer: "ok" as Answer, asked: [] as string[] };
  const reply = (body: unknown) => {
    switch (state.answer) {
      case "consent":
        return json({ status: 22, statusMessage: "consent required" }, 403);
      case "unknown-person":
        return json({ status: 99, statusMessage: "user not found" }, 404);
      case "down":
        return json({ status: 99, statusMessage: "unavailable" }, 503);
      case "scope":
        return json({ status: 21, statusMessage: "scope missing" }, 401);
      default:
        return json(body);
    }
  };
  const fake = fakeFetch({
    "POST /las/oauth2/token": () => json({ access_token: "t", token_type: "Bearer", expires_in: 300 }),
    "POST /lr/oauth2/token": () => json({ access_token: "t", token_type: "Bearer", expires_in: 300 }),
    "GET /las/v1/students/school": (req) => (state.asked.push(`students ${new URL(req.url).search}`), reply([])),
    "GET /las/v1/enrollments/school": (req) => (state.asked.push(`enrollments ${new URL(req.url).search}`), reply([])),
    "POST /lr/v1/usage/school/user": async (req) => (state.asked.push(`usage ${await req.text()}`), reply([])),
  });
  const key = await testSigningKey();
  // The registry "lr" authenticates with client_secret_basic, its secret named by the config.
  const tokens = new TokenProvider({
    signingKey: async () => key,
    fetch: fake.fetch,
    secret: (n) => (n === "TEST_LR_SECRET" ? "s" : undefined),
  });
  const client = new EduvClient({ config: testConfig(), tokens, fetch: fake.fetch, maxAttempts: 1, breakerThreshold: 10_000 });
  return { client, state };
}

describe("the live check of a pair", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ pgliteDir: "memory://", databaseUrl: "" });
  }, 60_000);
  beforeEach(async () => {
    await store.db.execute(sql`DELETE FROM consent_checks`);
  });
  afterAll(async () => store?.close());

  it("asks each API a question that names nobody: a list filtered on an offering no school has, the usage of a person no school has", async () => {
    const p = await provider();
    await checkPair(store.db, p.client, "obs", "las", "students-api");
    await checkPair(store.db, p.client, "obs", "las", "association-api");
    await checkPair(store.db, p.client, "obs", "lr", "usage-api");
    expect(p.state.asked).toEqual([
      "students ?orgMasterId=900A101&studyOfferingId=ldb-consent-check",
      "enrollments ?orgMasterId=900A101&studyOfferingId=ldb-consent-check",
      'usage {"school":{"organisationMasterIdentifier":"900A101"},"user":{"userMasterIdentifier":"https://ketenid.nl/ldb-consent-check"}}',
    ]);
  });

  it.each<[Answer, string, string | null]>([
    ["ok", "delivers", null],
    ["consent", "refuses", "0022"],
    ["down", "unreachable", "server_error"],
    ["scope", "other", "0021"],
  ])("a list answered %s reads as %s (%s), and is kept for the pair", async (answer, state, detail) => {
    const p = await provider();
    p.state.answer = answer;
    expect(await checkPair(store.db, p.client, "obs", "las", "students-api")).toEqual({ state, detail });
    const kept = (await checksOf(store.db, "obs")).get("las students-api");
    expect(kept).toMatchObject({ state, detail });
  });

  it("an unknown person at the registry means the Provider looked: the data would flow", async () => {
    const p = await provider();
    p.state.answer = "unknown-person";
    expect(await checkPair(store.db, p.client, "obs", "lr", "usage-api")).toEqual({ state: "delivers", detail: null });
  });

  it("the latest check replaces the one before; the background round checks only pairs older than the interval", async () => {
    const p = await provider();
    await checkPair(store.db, p.client, "obs", "las", "students-api");
    p.state.answer = "consent";
    await checkPair(store.db, p.client, "obs", "las", "students-api");
    expect((await checksOf(store.db, "obs")).get("las students-api")).toMatchObject({ state: "refuses" });
    p.state.asked = [];
    // Every pair of the test config's consent Providers, but the one just checked.
    const checked = await checkDuePairs(store.db, p.client, 60_000);
    expect(p.state.asked.filter((a) => a.startsWith("students"))).toEqual([]);
    expect(checked).toBe(p.state.asked.length);
    expect(await checkDuePairs(store.db, p.client, 60_000)).toBe(0);
  });
});

describe("what the records say, and when the check disagrees", () => {
  const at = new Date("2026-03-02T10:00:00Z");
  const request = (status: string) => ({ status });
  it.each([
    [{ request: request("confirmed"), known: null, withdrawal: null }, "consent"],
    [{ request: request("sent"), known: null, withdrawal: null }, "none"],
    [{ request: request("revoked"), known: { providerStatus: "confirmed" }, withdrawal: null }, "none"],
    [{ request: null, known: { providerStatus: "confirmed" }, withdrawal: null }, "consent"],
    [{ request: null, known: { providerStatus: "confirmed" }, withdrawal: { status: "sent" } }, "none"],
    [{ request: null, known: { providerStatus: "confirmed" }, withdrawal: { status: "failed" } }, "consent"],
    [{ request: request("refused"), known: { providerStatus: "confirmed" }, withdrawal: null }, "consent"],
    [{ request: null, known: null, withdrawal: null }, "none"],
  ] as const)("%j → %s", (cell, recorded) => {
    expect(recordedConsent(cell)).toBe(recorded);
  });

  it.each([
    ["consent", "refuses", true],
    ["consent", "delivers", false],
    ["none", "delivers", true],
    ["none", "refuses", false],
    ["consent", "unreachable", false],
    ["none", "unreachable", false],
    ["none", "other", false],
  ] as const)("recorded %s, check %s: disagrees %s", (recorded, state, disagrees) => {
    const cell =
      recorded === "consent"
        ? { request: { status: "confirmed" }, known: null, withdrawal: null }
        : { request: null, known: null, withdrawal: null };
    expect(checkView({ state, detail: null, checkedAt: at }, cell)).toEqual({
      state,
      detail: null,
      checkedAt: "2026-03-02T10:00:00.000Z",
      recorded,
      disagrees,
    });
  });
});
