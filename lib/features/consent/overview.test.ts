import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "@/lib/db/client";
import { claimOne } from "@/lib/db/testing/claim";
import {
  consentHistory,
  createConsentRequest,
  markConsentFailed,
  markConsentSent,
  recordKnownConsent,
  recordProviderStatus,
  rescheduleConsent,
  saveStatusCursor,
} from "@/lib/db/consent";
import { loadSourcesConfig } from "@/lib/sources/config";
import { consentOverview, createRequest, parseSince, refusalText, releaseConcept, requestHistory } from "./overview";
import { listRequestsForProvider } from "./served";

const config = loadSourcesConfig("config/sources.demo.json");
const HORIZON = "sg-de-horizon";
const WEGWIJZER = "cbs-de-wegwijzer";
const ACTOR = "r.vandijk@sgdehorizon.example";
const pause = (ms = 5) => new Promise((r) => setTimeout(r, ms));

let store: Store;
beforeAll(async () => {
  store = await openStore({ pgliteDir: "memory://", databaseUrl: "" });
}, 60_000);
afterAll(async () => store?.close());
beforeEach(async () => {
  await store.db.execute(sql`DELETE FROM consent_request_events`);
  await store.db.execute(sql`DELETE FROM consent_requests`);
});

const stored = (schoolId: string, providerId: string, api: string, send: boolean) =>
  createConsentRequest(store.db, {
    schoolId,
    providerId,
    api,
    scopes: [api === "usage-api" ? "eduv.usage.dashboard" : "eduv.student.basic"],
    delivery: providerId === "lr-b" ? "poll" : "put",
    send,
    actor: ACTOR,
  });

describe("since: a day or an RFC 3339 date-time", () => {
  it.each([
    ["2026-11-24", "2026-11-23T23:00:00.000Z"], // the day starts at midnight in the Netherlands (CET)
    ["2026-07-01", "2026-06-30T22:00:00.000Z"], // (CEST)
    ["2026-11-24T10:00:00Z", "2026-11-24T10:00:00.000Z"],
    ["2026-11-24T10:00:00.5+01:00", "2026-11-24T09:00:00.500Z"],
  ])("%s → %s", (value, iso) => {
    expect(parseSince(value)?.toISOString()).toBe(iso);
  });

  it.each(["2026-02-30", "2026-13-01", "24-11-2026", "2026-11-24T10:00", "2026-11-24T25:00:00Z", "yesterday", ""])(
    "%j is refused",
    (value) => {
      expect(parseSince(value)).toBeUndefined();
    },
  );
});

describe("the overview of a school's consent requests", () => {
  it("a matrix of the school's Providers × their APIs, each cell the latest request with its dated changes (retries left out)", async () => {
    const older = await stored(HORIZON, "las-b", "students-api", false);
    await pause();
    const newer = await stored(HORIZON, "las-b", "students-api", true);
    await rescheduleConsent(store.db, await claimOne(store.db, newer.consumerReferenceId), 0, "HTTP 503");
    await markConsentSent(store.db, await claimOne(store.db, newer.consumerReferenceId), "HTTP 202");
    await recordProviderStatus(store.db, "las-b", {
      consumerReferenceId: newer.consumerReferenceId,
      providerReferenceId: "P-1",
      providerStatus: "confirmed",
      changedAt: new Date().toISOString(),
    });
    await stored(WEGWIJZER, "las-a", "students-api", false);

    const { matrix, providers, requests } = await consentOverview(store.db, config, HORIZON);
    expect(providers.map((p) => [p.id, p.delivery])).toEqual([
      ["las-b", "put"],
      ["lr-a", "put"],
      ["lr-b", "poll"],
    ]);
    expect(matrix.apis).toEqual(["students-api", "association-api", "usage-api"]);
    const cell = (providerId: string, api: string) =>
      matrix.rows.find((r) => r.providerId === providerId)!.cells.find((c) => c.api === api)!;
    expect(cell("las-b", "students-api").request).toMatchObject({
      consumerReferenceId: newer.consumerReferenceId,
      status: "confirmed",
      providerReferenceId: "P-1",
    });
    expect(cell("las-b", "students-api").request!.changes.map((c) => c.event)).toEqual(["created", "sent", "confirmed"]);
    expect(cell("las-b", "association-api")).toEqual({
      api: "association-api",
      offered: true,
      request: null,
      known: null,
      withdrawal: null,
      withdrawable: false,
      check: null,
    });
    expect(cell("las-b", "usage-api")).toEqual({
      api: "usage-api",
      offered: false,
      request: null,
      known: null,
      withdrawal: null,
      withdrawable: false,
      check: null,
    });
    // Confirmed at the Provider: the school may withdraw it.
    expect(cell("las-b", "students-api").withdrawable).toBe(true);
    expect(cell("lr-b", "students-api").offered).toBe(false);
    // The list holds both, newest change first; another school's request never shows.
    expect(requests.map((r) => r.consumerReferenceId)).toEqual([newer.consumerReferenceId, older.consumerReferenceId]);
  });

  it("a cell without a request of ours carries the consent the Provider holds; a cell with one keeps the request first", async () => {
    await recordKnownConsent(store.db, {
      providerId: "lr-b",
      schoolId: HORIZON,
      api: "usage-api",
      providerStatus: "confirmed",
      providerReferenceId: "KOMPAS-1",
      changedAt: new Date("2026-11-20T08:30:00Z"),
    });
    const { matrix } = await consentOverview(store.db, loadSourcesConfig(), HORIZON);
    const cell = matrix.rows.find((r) => r.providerId === "lr-b")!.cells.find((c) => c.api === "usage-api")!;
    expect(cell.known).toEqual({ providerStatus: "confirmed", providerReferenceId: "KOMPAS-1", changedAt: "2026-11-20T08:30:00.000Z" });
    // Known for another school only: not this school's.
    const other = await consentOverview(store.db, loadSourcesConfig(), "obs-de-regenboog");
    expect(other.matrix.rows.flatMap((r) => r.cells).some((c) => c.known)).toBe(false);
  });

  it("a collection by a polling Provider counts as a change, though it leaves changedAt alone", async () => {
    const row = await stored(HORIZON, "lr-b", "usage-api", true);
    await pause(20);
    await listRequestsForProvider(store.db, config, "lr-b", {});
    const [collected] = (await consentOverview(store.db, config, HORIZON)).requests;
    const history = await consentHistory(store.db, row.consumerReferenceId);
    expect(collected).toMatchObject({ status: "sent", delivery: "poll", changedAt: history.at(-1)!.at.toISOString() });
    expect(Date.parse(collected!.changedAt)).toBeGreaterThan(row.changedAt.getTime());
    expect(collected!.changes.map((c) => c.event)).toEqual(["created", "collected"]);
  });

  it("filters the list by API, Provider, status and since, never the matrix", async () => {
    const concept = await stored(HORIZON, "las-b", "students-api", false);
    const failed = await stored(HORIZON, "lr-a", "usage-api", true);
    await markConsentFailed(store.db, await claimOne(store.db, failed.consumerReferenceId), "HTTP 400 · 0011 · Schema incorrect");
    const ids = async (filter: Parameters<typeof consentOverview>[3]) =>
      (await consentOverview(store.db, config, HORIZON, filter)).requests.map((r) => r.consumerReferenceId);
    expect(await ids({ api: "students-api" })).toEqual([concept.consumerReferenceId]);
    expect(await ids({ providerId: "lr-a" })).toEqual([failed.consumerReferenceId]);
    expect(await ids({ status: "failed" })).toEqual([failed.consumerReferenceId]);
    expect(await ids({ since: new Date(Date.now() - 60_000) })).toHaveLength(2);
    expect(await ids({ since: new Date(Date.now() + 60_000) })).toEqual([]);
    const filtered = await consentOverview(store.db, config, HORIZON, { status: "confirmed" });
    expect(
      filtered.matrix.rows
        .flatMap((r) => r.cells)
        .filter((c) => c.request)
        .map((c) => c.request!.status)
        .sort(),
    ).toEqual(["concept", "failed"]);
    expect((await consentOverview(store.db, config, HORIZON)).requests.find((r) => r.status === "failed")!.lastError).toBe(
      "HTTP 400 · 0011 · Schema incorrect",
    );
  });

  it("says per Provider whether its answers are coming in: never polled, polled, or failing with the reason", async () => {
    await store.db.execute(sql`DELETE FROM consent_status_cursors`);
    const poll = async (providerId: string) =>
      (await consentOverview(store.db, config, HORIZON)).matrix.rows.find((r) => r.providerId === providerId)!.statusPoll;
    expect(await poll("lr-b")).toEqual({ polledAt: null, lastError: null });
    await saveStatusCursor(store.db, "lr-b", { since: new Date("2026-11-24T10:00:00Z") });
    expect(await poll("lr-b")).toMatchObject({ lastError: null });
    expect(Date.parse((await poll("lr-b")).polledAt!)).toBeGreaterThan(Date.now() - 60_000);
    await saveStatusCursor(store.db, "lr-b", { error: "server_error · HTTP 503 · 0099" });
    expect(await poll("lr-b")).toMatchObject({ lastError: "De bron meldt een storing. (HTTP 503 · 0099)" });
    await saveStatusCursor(store.db, "lr-b", { error: "unreachable" });
    expect(await poll("lr-b")).toMatchObject({ lastError: "De bron is niet bereikbaar." });
    const english = (await consentOverview(store.db, config, HORIZON, {}, "en")).matrix.rows.find(
      (r) => r.providerId === "lr-b",
    )!.statusPoll;
    expect(english.lastError).toBe("The Source cannot be reached.");
    expect(await poll("las-b")).toEqual({ polledAt: null, lastError: null });
  });
});

describe("a new request", () => {
  it("keeps the reason only with extra scopes, and takes its delivery from the Provider", async () => {
    const withExtra = await createRequest(
      store.db,
      config,
      HORIZON,
      {
        providerId: "las-b",
        api: "students-api",
        scopes: ["eduv.student.basic", "eduv.student.demographics"],
        reason: "  Leeftijdsgroepen voor de bibliotheek  ",
        send: false,
      },
      ACTOR,
    );
    const plain = await createRequest(
      store.db,
      config,
      HORIZON,
      { providerId: "lr-b", api: "usage-api", scopes: ["eduv.usage.dashboard"], reason: "niet nodig, toch meegestuurd", send: true },
      ACTOR,
    );
    expect(withExtra.ok && withExtra.row).toMatchObject({
      status: "concept",
      delivery: "put",
      extraScopesReason: "Leeftijdsgroepen voor de bibliotheek",
    });
    expect(plain.ok && plain.row).toMatchObject({ status: "queued", delivery: "poll", extraScopesReason: null });
    const [view] = (await consentOverview(store.db, config, HORIZON, { api: "students-api" })).requests;
    expect(view).toMatchObject({
      extraScopes: ["eduv.student.demographics"],
      reason: "Leeftijdsgroepen voor de bibliotheek",
      createdBy: ACTOR,
    });
  });

  it.each([
    [
      { providerId: "las-a", api: "students-api", scopes: ["eduv.student.basic"] },
      "neemt voor deze school geen toestemmingsverzoeken aan",
      "does not take consent requests for this school",
    ],
    [
      { providerId: "am", api: "usage-api", scopes: ["eduv.usage.dashboard"] },
      "neemt voor deze school geen toestemmingsverzoeken aan",
      "does not take consent requests for this school",
    ],
    [
      { providerId: "lr-a", api: "students-api", scopes: ["eduv.student.basic"] },
      "levert de gegevensdienst students-api niet",
      "does not offer the API students-api",
    ],
    [
      { providerId: "las-b", api: "students-api", scopes: ["eduv.student.basic", "eduv.student.deliveryaddress"] },
      "kan het dashboard niet vragen: eduv.student.deliveryaddress",
      "cannot ask for these scopes: eduv.student.deliveryaddress",
    ],
    [
      { providerId: "las-b", api: "students-api", scopes: ["eduv.student.demographics"] },
      "moeten in het verzoek staan: eduv.student.basic",
      "must be in the request: eduv.student.basic",
    ],
    [
      { providerId: "las-b", api: "students-api", scopes: ["eduv.student.basic", "eduv.student.communication"], reason: "mail" },
      "reden van een paar woorden",
      "need a reason of a few words",
    ],
  ] as const)("refused, in Dutch and English, and nothing stored: %j", async (input, nl, en) => {
    const body = { ...input, scopes: [...input.scopes], send: true };
    const outcome = await createRequest(store.db, config, HORIZON, body, ACTOR);
    expect(!outcome.ok && refusalText(outcome.refusal, "nl")).toContain(nl);
    expect(!outcome.ok && refusalText(outcome.refusal, "en")).toContain(en);
    expect((await consentOverview(store.db, config, HORIZON)).requests).toEqual([]);
  });

  it("is released once, only by its own school, with a history line for each step", async () => {
    const row = await stored(HORIZON, "las-b", "students-api", false);
    expect(await releaseConcept(store.db, WEGWIJZER, row.consumerReferenceId, ACTOR)).toBe("not_found");
    expect(await releaseConcept(store.db, HORIZON, row.consumerReferenceId, ACTOR)).toBe("queued");
    expect(await releaseConcept(store.db, HORIZON, row.consumerReferenceId, ACTOR)).toBe("not_concept");
    expect(await requestHistory(store.db, WEGWIJZER, row.consumerReferenceId)).toBeNull();
    expect((await requestHistory(store.db, HORIZON, row.consumerReferenceId))!.map((l) => [l.actor, l.event, l.detail])).toEqual([
      [ACTOR, "created", "concept"],
      [ACTOR, "queued", null],
    ]);
  });
});
