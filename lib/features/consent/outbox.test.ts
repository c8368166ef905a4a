import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/client";
import { storeBackends } from "@/lib/db/testing/backends";
import {
  backoffMs,
  claimDueConsentRequests,
  consentHistory,
  createConsentRequest,
  listConsentRequests,
  markConsentFailed,
  markConsentSent,
  queueConsentRequest,
  rescheduleConsent,
} from "@/lib/db/consent";
import { EduvClient } from "@/lib/sources/transport/client";
import type { SigningKey } from "@/lib/sources/transport/signing-key";
import { fakeFetch, json, testConfig, testSigningKey } from "@/lib/sources/testing/fixtures";
import { TokenProvider } from "@/lib/sources/transport/token";
import { sendDueConsentRequests } from "./outbox";

const backends = storeBackends();

let key: SigningKey;
beforeAll(async () => {
  key = await testSigningKey();
});

/** A Provider (the test config's "las", which serves consent) that can be down, refuse, or take requests; it counts what it received. */
function provider() {
  const received = new Map<string, number>();
  const state = { mode: "up" as "up" | "down" | "refuse" | "busy" };
  const fake = fakeFetch({
    "POST /las/oauth2/token": () => json({ access_token: "t", token_type: "Bearer", expires_in: 300, scope: "eduv.consent" }),
    "PUT /las/v1/consent/requests": async (req) => {
      if (state.mode === "down") return json({ status: 99, statusMessage: "unavailable" }, 503);
      if (state.mode === "busy") return json({ status: 99 }, 429, { "retry-after": "120" });
      if (state.mode === "refuse") return json({ status: 11, statusMessage: "Schema incorrect" }, 400);
      const body = (await req.json()) as { consumerReferenceId: string };
      received.set(body.consumerReferenceId, (received.get(body.consumerReferenceId) ?? 0) + 1);
      return new Response(null, { status: 202 });
    },
  });
  const tokens = new TokenProvider({ signingKey: async () => key, fetch: fake.fetch });
  const client = new EduvClient({ config: testConfig(), tokens, fetch: fake.fetch, maxAttempts: 1, breakerThreshold: 10_000 });
  return { client, received, state };
}

const request = (send = true) => ({
  schoolId: "obs",
  providerId: "las",
  api: "students-api",
  scopes: ["eduv.student.basic"],
  delivery: "put" as const,
  send,
  actor: "toestemming@school.example",
});
const FAST = { baseMs: 5, capMs: 20, leaseSeconds: 60 };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(backends)("consent outbox on %s", (_name, open, enabled) => {
  let store: Store;
  beforeAll(async () => {
    if (!enabled) return;
    store = await open();
  }, 60_000);
  beforeEach(async () => {
    if (!enabled) return;
    await store.db.execute(sql`DELETE FROM consent_request_events`);
    await store.db.execute(sql`DELETE FROM consent_requests`);
  });
  afterAll(async () => store?.close());

  it.skipIf(!enabled)("stores a request with a generated reference before sending; a concept waits until released", async () => {
    const p = provider();
    const concept = await createConsentRequest(store.db, request(false));
    expect(concept).toMatchObject({ status: "concept", attempts: 0 });
    expect(concept.consumerReferenceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await sendDueConsentRequests(store.db, p.client, FAST)).toMatchObject({ claimed: 0 });
    expect(await queueConsentRequest(store.db, concept.consumerReferenceId, "toestemming@school.example")).toBe(true);
    expect(await sendDueConsentRequests(store.db, p.client, FAST)).toMatchObject({ claimed: 1, sent: 1 });
    expect(p.received.get(concept.consumerReferenceId)).toBe(1);
    expect((await consentHistory(store.db, concept.consumerReferenceId)).map((e) => e.event)).toEqual(["created", "queued", "sent"]);
  });

  it.skipIf(!enabled)("the Provider down for a while, then back: every request arrives, once", async () => {
    const p = provider();
    const ids = await Promise.all(
      Array.from({ length: 5 }, async () => (await createConsentRequest(store.db, request())).consumerReferenceId),
    );
    p.state.mode = "down";
    let retried = 0;
    for (let i = 0; i < 3; i++) {
      retried += (await sendDueConsentRequests(store.db, p.client, FAST)).retried;
      await pause(30);
    }
    expect(p.received.size).toBe(0);
    p.state.mode = "up";
    for (let i = 0; i < 5 && p.received.size < ids.length; i++) {
      await sendDueConsentRequests(store.db, p.client, FAST);
      await pause(30);
    }
    console.log(
      `outbox: ${ids.length} requests, ${retried} retries while down, ${[...p.received.values()].reduce((a, b) => a + b, 0)} received`,
    );
    expect(ids.map((id) => p.received.get(id))).toEqual(ids.map(() => 1));
    const rows = await listConsentRequests(store.db, { schoolIds: ["obs"] });
    expect(rows.every((r) => r.status === "sent" && r.attempts >= 2)).toBe(true);
    expect((await consentHistory(store.db, ids[0]!)).some((e) => e.event === "retry" && e.detail?.includes("HTTP 503"))).toBe(true);
  });

  it.skipIf(!enabled)("a final 4xx is kept with its status code and message, and not retried", async () => {
    const p = provider();
    p.state.mode = "refuse";
    const row = await createConsentRequest(store.db, request());
    expect(await sendDueConsentRequests(store.db, p.client, FAST)).toMatchObject({ failed: 1 });
    await pause(30);
    expect(await sendDueConsentRequests(store.db, p.client, FAST)).toMatchObject({ claimed: 0 });
    const [stored] = await listConsentRequests(store.db, { schoolIds: ["obs"] });
    expect(stored).toMatchObject({ consumerReferenceId: row.consumerReferenceId, status: "failed" });
    expect(stored!.lastError).toBe("HTTP 400 · 0011 · Schema incorrect");
  });

  it.skipIf(!enabled)(
    "a refused request is sent again once released (after the fix the Provider asked for); a sent one cannot be",
    async () => {
      const p = provider();
      p.state.mode = "refuse";
      const row = await createConsentRequest(store.db, request());
      expect(await sendDueConsentRequests(store.db, p.client, FAST)).toMatchObject({ failed: 1 });
      p.state.mode = "up";
      expect(await queueConsentRequest(store.db, row.consumerReferenceId, "toestemming@school.example")).toBe(true);
      expect(await sendDueConsentRequests(store.db, p.client, FAST)).toMatchObject({ claimed: 1, sent: 1 });
      expect(p.received.get(row.consumerReferenceId)).toBe(1);
      const [stored] = await listConsentRequests(store.db, { schoolIds: ["obs"] });
      expect(stored).toMatchObject({ status: "sent", lastError: null });
      expect((await consentHistory(store.db, row.consumerReferenceId)).map((e) => [e.event, e.detail])).toEqual([
        ["created", "queued"],
        ["failed", "HTTP 400 · 0011 · Schema incorrect"],
        ["queued", "again after a refusal"],
        ["sent", "HTTP 202"],
      ]);
      expect(await queueConsentRequest(store.db, row.consumerReferenceId, "toestemming@school.example")).toBe(false);
    },
  );

  it.skipIf(!enabled)("a busy Provider (429) is asked again, not before the time it named", async () => {
    const p = provider();
    p.state.mode = "busy";
    const row = await createConsentRequest(store.db, request());
    expect(await sendDueConsentRequests(store.db, p.client, FAST)).toMatchObject({ retried: 1, failed: 0 });
    const [due] = (
      await store.db.execute(
        sql`SELECT next_attempt_at > now() + interval '100 seconds' AS later FROM consent_requests WHERE consumer_reference_id = ${row.consumerReferenceId}`,
      )
    ).rows as Array<{ later: boolean }>;
    expect(due!.later).toBe(true);
    expect((await listConsentRequests(store.db, { schoolIds: ["obs"] }))[0]).toMatchObject({
      status: "queued",
      lastError: "HTTP 429 · 0099",
    });
  });

  it.skipIf(!enabled)("a sender that died after claiming: the request is sent once its lease runs out", async () => {
    const p = provider();
    const row = await createConsentRequest(store.db, request());
    // An instance claims it and is killed before sending: nothing else may take it during the lease.
    expect(await claimDueConsentRequests(store.db, { limit: 10, leaseSeconds: 1 })).toHaveLength(1);
    expect(await sendDueConsentRequests(store.db, p.client, FAST)).toMatchObject({ claimed: 0 });
    await pause(1_200);
    expect(await sendDueConsentRequests(store.db, p.client, FAST)).toMatchObject({ claimed: 1, sent: 1 });
    expect(p.received.get(row.consumerReferenceId)).toBe(1);
  });

  it.skipIf(!enabled)(
    "a slow sender whose lease ran out records nothing: it cannot overwrite the new holder's 'sent' with 'failed'",
    async () => {
      const row = await createConsentRequest(store.db, request());
      const slow = (await claimDueConsentRequests(store.db, { limit: 10, leaseSeconds: 1 }))[0]!;
      await pause(1_200);
      // Meanwhile another sender claims the request after the lease, sends it and records "sent".
      const next = (await claimDueConsentRequests(store.db, { limit: 10, leaseSeconds: 60 }))[0]!;
      expect(next.consumerReferenceId).toBe(row.consumerReferenceId);
      expect(next.claimId).not.toBe(slow.claimId);
      // The slow one's late answers come now: none of them is recorded, before or after the holder's.
      expect(await markConsentFailed(store.db, slow, "HTTP 400 · 0011 · late")).toBe(false);
      expect(await rescheduleConsent(store.db, slow, 0, "HTTP 503 · late")).toBe(false);
      expect(await markConsentSent(store.db, next, "HTTP 202")).toBe(true);
      expect(await markConsentFailed(store.db, slow, "HTTP 400 · 0011 · late")).toBe(false);
      // Nor can the holder record twice.
      expect(await markConsentSent(store.db, next, "HTTP 202")).toBe(false);
      const stored = (await listConsentRequests(store.db, { schoolIds: ["obs"] })).find(
        (r) => r.consumerReferenceId === row.consumerReferenceId,
      )!;
      expect(stored).toMatchObject({ status: "sent", lastError: null });
      expect((await consentHistory(store.db, row.consumerReferenceId)).map((e) => e.event)).toEqual(["created", "sent"]);
    },
  );

  it.skipIf(!enabled)("two instances on one database: each request sent exactly once", async () => {
    const p = provider();
    const other = store.kind === "postgres" ? await open() : store; // a second connection pool where there is a server
    const ids = await Promise.all(
      Array.from({ length: 40 }, async () => (await createConsentRequest(store.db, request())).consumerReferenceId),
    );
    const rounds = async (db: Store["db"]) => {
      let sent = 0;
      for (let i = 0; i < 10; i++) sent += (await sendDueConsentRequests(db, p.client, { ...FAST, limit: 3 })).sent;
      return sent;
    };
    const [a, b] = await Promise.all([rounds(store.db), rounds(other.db)]);
    if (other !== store) await other.close();
    console.log(`outbox, two instances: ${a} + ${b} sent for ${ids.length} requests`);
    expect(a + b).toBe(ids.length);
    expect(ids.every((id) => p.received.get(id) === 1)).toBe(true);
  });
});

describe("backoff", () => {
  it("grows per attempt, is jittered, and never exceeds the cap", () => {
    const opts = { baseMs: 1_000, capMs: 60_000 };
    expect(backoffMs(1, opts, () => 0)).toBe(500);
    expect(backoffMs(1, opts, () => 1)).toBe(1_000);
    expect(backoffMs(4, opts, () => 1)).toBe(8_000);
    expect(backoffMs(30, opts, () => 1)).toBe(60_000);
    expect(backoffMs(30, opts, () => 0)).toBe(30_000);
  });
});
