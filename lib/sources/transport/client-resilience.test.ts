import { describe, expect, it, vi } from "vitest";
import { CallCancelledError } from "./client";
import { SourceError } from "../errors";
import { getUserUsage, listEnrollments, listStudents, putConsentRequest } from "../operations";
import { json, rejection } from "../testing/fixtures";
import { SourceGates } from "../capacity/source-gates";
import { ECK, setup } from "../testing/client-setup";

describe("resilience", () => {
  it("retries a 503 and succeeds", async () => {
    let n = 0;
    const { client, apiCalls } = setup({ "GET /las/v1/enrollments/school": () => (++n < 3 ? json({ status: 99 }, 503) : json([])) });
    await expect(client.call(listEnrollments, "las", { query: { orgMasterId: "900A101" } })).resolves.toMatchObject({ records: [] });
    expect(apiCalls()).toHaveLength(3);
  });

  it("gives up after three attempts with server_error", async () => {
    const { client, apiCalls } = setup({ "GET /las/v1/enrollments/school": () => json({ status: 99 }, 503) });
    await expect(client.call(listEnrollments, "las", { query: { orgMasterId: "900A101" } })).rejects.toMatchObject({
      kind: "server_error",
    });
    expect(apiCalls()).toHaveLength(3);
  });

  it("does not retry a 403: consent will not appear by asking again", async () => {
    const { client, apiCalls } = setup({ "GET /las/v1/enrollments/school": () => json({ status: 22 }, 403) });
    await expect(client.call(listEnrollments, "las", { query: { orgMasterId: "900A101" } })).rejects.toMatchObject({
      kind: "consent_missing",
    });
    expect(apiCalls()).toHaveLength(1);
  });

  it("fetches a fresh token once when the Source calls the token invalid", async () => {
    const { client, apiCalls } = setup({
      "GET /las/v1/enrollments/school": (req) =>
        req.headers.get("authorization") === "Bearer t1"
          ? new Response(JSON.stringify({ status: 99 }), { status: 401, headers: { "www-authenticate": 'Bearer error="invalid_token"' } })
          : json([]),
    });
    await expect(client.call(listEnrollments, "las", { query: { orgMasterId: "900A101" } })).resolves.toMatchObject({ records: [] });
    expect(apiCalls().map((c) => c.headers.get("authorization"))).toEqual(["Bearer t1", "Bearer t2"]);
  });

  it("a Source that does not answer in time becomes 'timeout'", async () => {
    const { client } = setup(
      {
        "GET /las/v1/students/school": (req) =>
          new Promise<Response>((_, reject) => req.signal.addEventListener("abort", () => reject(req.signal.reason))),
      },
      { timeoutMs: 150 },
    );
    await expect(client.call(listStudents, "las", { query: { orgMasterId: "900A101" } })).rejects.toMatchObject({ kind: "timeout" });
  });

  it("after repeated failures the circuit opens and the Source is not called for a while", async () => {
    const { client, apiCalls } = setup({ "GET /las/v1/students/school": () => json({ status: 99 }, 500) }, { breakerThreshold: 2 });
    const call = () => rejection(client.call(listStudents, "las", { query: { orgMasterId: "900A101" } }));
    await call();
    await call();
    const before = apiCalls().length;
    const third = await call();
    expect(third).toMatchObject({ kind: "unreachable", detail: "circuit open after repeated failures" });
    expect(apiCalls()).toHaveLength(before);
    expect(client.health.get("las")).toMatchObject({ lastOk: false, lastError: { kind: "unreachable" } });
  });

  it("a PUT consent request answered 202 returns no records", async () => {
    const { client, apiCalls } = setup({ "PUT /las/v1/consent/requests": () => new Response(null, { status: 202 }) });
    const body = {
      consumerReferenceId: "c-1",
      school: { organisationMasterIdentifier: "900A101" },
      api: "association-api",
      scopes: ["eduv.association"],
      consumerStatus: "accepted",
    };
    await expect(client.call(putConsentRequest, "las", { body })).resolves.toMatchObject({ records: [], meta: { httpStatus: 202 } });
    expect(await apiCalls()[0]!.json()).toEqual(body);
  });
});

describe("at most maxConcurrentCalls at a Source at once", () => {
  const usageBody = (i: number) => ({
    school: { organisationMasterIdentifier: "900A101" },
    user: { userMasterIdentifier: `${ECK.slice(0, -3)}${String(i).padStart(3, "0")}` },
  });

  it("queues the rest of a fan-out and runs every call", async () => {
    let running = 0;
    let peak = 0;
    const { client, apiCalls } = setup(
      {
        "POST /lr/v1/usage/school/user": async () => {
          peak = Math.max(peak, ++running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
          return json([]);
        },
      },
      { maxConcurrentCalls: 3 },
    );
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.call(getUserUsage, "lr", { body: usageBody(i) })));
    expect(peak).toBe(3);
    expect(apiCalls()).toHaveLength(20);
  });

  it("drops the queued calls of a cancelled fan-out; the ones already sent finish", async () => {
    const release: Array<() => void> = [];
    const { client, apiCalls } = setup(
      {
        "POST /lr/v1/usage/school/user": () => new Promise<Response>((resolve) => release.push(() => resolve(json([])))),
      },
      { maxConcurrentCalls: 2 },
    );
    const abort = new AbortController();
    const results = Array.from({ length: 10 }, (_, i) =>
      client.call(getUserUsage, "lr", { body: usageBody(i), signal: abort.signal }).then(
        () => "done",
        (e: unknown) => e,
      ),
    );
    await vi.waitFor(() => expect(release).toHaveLength(2));
    abort.abort();
    release.splice(0).forEach((r) => r());
    const outcomes = await Promise.all(results);
    expect(outcomes.filter((o) => o === "done")).toHaveLength(2);
    expect(outcomes.filter((o) => o instanceof CallCancelledError)).toHaveLength(8);
    expect(apiCalls()).toHaveLength(2);
  });

  it("a caller with too many calls waiting is told busy at once (nothing sent); another caller still waits its turn", async () => {
    const release: Array<() => void> = [];
    const { client, apiCalls } = setup(
      {
        "POST /lr/v1/usage/school/user": () => new Promise<Response>((resolve) => release.push(() => resolve(json([])))),
      },
      { maxConcurrentCalls: 1, gates: new SourceGates({ bounds: { perCaller: 2, total: 10 } }) },
    );
    const a = Array.from({ length: 4 }, (_, i) =>
      client.call(getUserUsage, "lr", { body: usageBody(i), caller: "staff:a" }).then(
        () => "done",
        (e: unknown) => e,
      ),
    );
    const b = client.call(getUserUsage, "lr", { body: usageBody(9), caller: "staff:b" }).then(() => "done");
    await vi.waitFor(() => expect(release).toHaveLength(1));
    const refused = await a[3];
    expect(refused).toMatchObject({ kind: "busy", sourceId: "lr", detail: "too many calls of this caller waiting" });
    expect((refused as SourceError).retryAt).toBeDefined();
    for (let i = 0; i < 3; i++) {
      release.shift()!();
      await vi.waitFor(() => expect(release).toHaveLength(1));
    }
    release.shift()!();
    expect(await Promise.all([...a.slice(0, 3), b])).toEqual(["done", "done", "done", "done"]);
    expect(apiCalls()).toHaveLength(4);
  });

  it("fails closed when the limit shared with other processes cannot be asked: busy, nothing sent", async () => {
    const { client, apiCalls } = setup(
      { "POST /lr/v1/usage/school/user": () => json([]) },
      {
        gates: new SourceGates({
          permits: () => ({
            tryAcquire: async (): Promise<Array<() => void>> => {
              throw new Error("connection refused");
            },
            whenFree: () => () => {},
          }),
        }),
      },
    );
    await expect(client.call(getUserUsage, "lr", { body: usageBody(1) })).rejects.toMatchObject({
      kind: "busy",
      detail: "call slots unavailable: the store did not answer",
    });
    expect(apiCalls()).toHaveLength(0);
  });
});
