import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CallEvent } from "./call-events";
import { CallCancelledError, EduvClient, type EduvClientOptions } from "./client";
import type { SigningKey } from "./signing-key";
import { listStudents } from "../operations";
import { fakeFetch, json, rejection, testConfig, testSigningKey } from "../testing/fixtures";
import { TokenProvider } from "./token";

let key: SigningKey;
beforeAll(async () => {
  key = await testSigningKey();
});

const QUERY = { query: { orgMasterId: "900A101" } };
const PATH = "GET /las/v1/students/school";
const busy = (retryAfter?: string, status = 429) =>
  new Response("<html>Too Many Requests</html>", { status, headers: retryAfter === undefined ? {} : { "retry-after": retryAfter } });

/** The students endpoint answers from `answers` in turn (the last one repeats); every send is timed. */
function setup(answers: Array<() => Response>, opts: Partial<EduvClientOptions> & { maxConcurrentCalls?: number } = {}) {
  const sent: number[] = [];
  const fake = fakeFetch({
    "POST /las/oauth2/token": () => json({ access_token: "t", token_type: "Bearer", expires_in: 300 }),
    [PATH]: () => {
      sent.push(Date.now());
      return answers[Math.min(sent.length, answers.length) - 1]!();
    },
  });
  const events: CallEvent[] = [];
  const config = testConfig("http://localhost:9", {
    timeoutMs: 2_000,
    ...(opts.maxConcurrentCalls ? { maxConcurrentCalls: opts.maxConcurrentCalls } : {}),
  });
  const tokens = new TokenProvider({ signingKey: async () => key, fetch: fake.fetch });
  const client = new EduvClient({
    config,
    tokens,
    fetch: fake.fetch,
    retryDelayMs: 1,
    breakerThreshold: 50,
    observer: (e) => events.push(e),
    ...opts,
  });
  return { client, sent, events };
}

// Timers may fire a millisecond or two before a Date.now() boundary.
const SLACK = 5;

describe("a Source that says it is busy (429, or 503 with Retry-After)", () => {
  it("429 with Retry-After: 1 is waited out and tried once more; each answer is one event", async () => {
    const { client, sent, events } = setup([() => busy("1"), () => json([])]);
    await expect(client.call(listStudents, "las", QUERY)).resolves.toMatchObject({ records: [] });
    expect(sent).toHaveLength(2);
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(1_000 - SLACK);
    expect(events.map((e) => [e.httpStatus, e.errorKind])).toEqual([
      [429, "busy"],
      [200, undefined],
    ]);
  });

  it("429 with an HTTP-date waits until that time", async () => {
    const at = Math.ceil((Date.now() + 1_100) / 1000) * 1000;
    const { client, sent } = setup([() => busy(new Date(at).toUTCString()), () => json([])], { busyWaitBudgetMs: 5_000 });
    await expect(client.call(listStudents, "las", QUERY)).resolves.toMatchObject({ records: [] });
    expect(sent[1]!).toBeGreaterThanOrEqual(at - SLACK);
  });

  it("a wait longer than the budget fails at once with busy and retryAt, and nothing more is sent", async () => {
    const { client, sent } = setup([() => busy("120")]);
    const started = Date.now();
    const err = await rejection(client.call(listStudents, "las", QUERY));
    expect(err).toMatchObject({ kind: "busy", httpStatus: 429 });
    expect(Date.parse(err.retryAt!)).toBeGreaterThanOrEqual(started + 119_000);
    expect(err.toJSON()).toMatchObject({ kind: "busy", retryAt: err.retryAt });
    expect(Date.now() - started).toBeLessThan(1_000);
    // Another caller is told the same without sending anything.
    await expect(client.call(listStudents, "las", QUERY)).rejects.toMatchObject({ kind: "busy", retryAt: err.retryAt });
    expect(sent).toHaveLength(1);
  });

  it("the budget is an option: 1.5 s lets a caller wait out Retry-After: 1, 0.5 s does not", async () => {
    const patient = setup([() => busy("1"), () => json([])], { busyWaitBudgetMs: 1_500 });
    await expect(patient.client.call(listStudents, "las", QUERY)).resolves.toMatchObject({ records: [] });
    const hasty = setup([() => busy("1"), () => json([])], { busyWaitBudgetMs: 500 });
    await expect(hasty.client.call(listStudents, "las", QUERY)).rejects.toMatchObject({ kind: "busy" });
    expect(hasty.sent).toHaveLength(1);
  });

  it("a second caller, queued behind the paused Source, does not send before the Retry-After time", async () => {
    const { client, sent } = setup([() => busy("1"), () => json([])]);
    const first = client.call(listStudents, "las", QUERY);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const second = client.call(listStudents, "las", QUERY);
    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    expect(sent).toHaveLength(3);
    expect(Math.min(sent[1]!, sent[2]!) - sent[0]!).toBeGreaterThanOrEqual(1_000 - SLACK);
  });

  it("a caller that gives up while the Source is paused is cancelled and sends nothing", async () => {
    const { client, sent } = setup([() => busy("2"), () => json([])], { busyWaitBudgetMs: 5_000 });
    const abort = new AbortController();
    const call = client.call(listStudents, "las", { ...QUERY, signal: abort.signal });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    abort.abort();
    await expect(call).rejects.toBeInstanceOf(CallCancelledError);
    expect(sent).toHaveLength(1);
  });

  it("503 with Retry-After is busy and waited out; 503 without is a server error, retried as before", async () => {
    const paused = setup([() => busy("1", 503), () => json([])]);
    await expect(paused.client.call(listStudents, "las", QUERY)).resolves.toMatchObject({ records: [] });
    expect(paused.sent[1]! - paused.sent[0]!).toBeGreaterThanOrEqual(1_000 - SLACK);
    const down = setup([() => busy(undefined, 503)]);
    await expect(down.client.call(listStudents, "las", QUERY)).rejects.toMatchObject({ kind: "server_error", httpStatus: 503 });
    expect(down.sent).toHaveLength(3);
    const stillPaused = setup([() => busy("120", 503)]);
    await expect(stillPaused.client.call(listStudents, "las", QUERY)).rejects.toMatchObject({
      kind: "busy",
      httpStatus: 503,
      retryAt: expect.any(String),
    });
    expect(stillPaused.sent).toHaveLength(1);
  });

  it("429 without Retry-After is busy, never invalid_answer: the Source is left alone for busyPauseMs, then asked once more", async () => {
    const { client, sent, events } = setup([() => busy()], { busyPauseMs: 100 });
    const err = await rejection(client.call(listStudents, "las", QUERY));
    expect(err).toMatchObject({ kind: "busy", httpStatus: 429, retryAt: expect.any(String) });
    expect(sent).toHaveLength(2);
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(100 - SLACK);
    expect(events.map((e) => e.errorKind)).toEqual(["busy", "busy"]);
  });

  it("repeated busy answers do not open the circuit", async () => {
    let free = false;
    const { client, sent } = setup([() => (free ? json([]) : busy("0"))], { breakerThreshold: 2 });
    for (let i = 0; i < 4; i++) await expect(client.call(listStudents, "las", QUERY)).rejects.toMatchObject({ kind: "busy" });
    expect(sent).toHaveLength(8);
    free = true;
    await expect(client.call(listStudents, "las", QUERY)).resolves.toMatchObject({ records: [] });
    expect(sent).toHaveLength(9);
  });

  it("a token endpoint that is busy pauses its Source as well", async () => {
    let tokenSent = 0;
    const fake = fakeFetch({
      "POST /las/oauth2/token": () => (++tokenSent === 1 ? busy("1") : json({ access_token: "t", token_type: "Bearer", expires_in: 300 })),
      [PATH]: () => json([]),
    });
    const tokens = new TokenProvider({ signingKey: async () => key, fetch: fake.fetch });
    const client = new EduvClient({ config: testConfig(), tokens, fetch: fake.fetch });
    const started = Date.now();
    await expect(client.call(listStudents, "las", QUERY)).resolves.toMatchObject({ records: [] });
    expect(tokenSent).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000 - SLACK);
  });
});
