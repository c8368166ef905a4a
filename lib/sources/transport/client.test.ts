import { beforeAll, describe, expect, it, vi } from "vitest";
import { CallCancelledError, EduvClient } from "./client";
import { SourceError, SourceRequestError } from "../errors";
import type { SigningKey } from "./signing-key";
import { getUserUsage, listEmployeeAssignments, listEnrollments, listStudents, putConsentRequest } from "../operations";
import { fakeFetch, json, rejection, testConfig, testSigningKey } from "../testing/fixtures";
import { SourceGates } from "../capacity/source-gates";
import { TokenProvider } from "./token";
import { sourceErrorText } from "@/lib/i18n/outcome-words";

let key: SigningKey;
beforeAll(async () => {
  key = await testSigningKey();
});

const ECK = `https://ketenid.nl/201703/${"ab".repeat(64)}`;
const student = { userMasterIdentifier: ECK, givenName: "Sem", familyName: "Vries", familyNamePrefix: "de" };

function setup(
  routes: Parameters<typeof fakeFetch>[0],
  opts: { timeoutMs?: number; breakerThreshold?: number; maxConcurrentCalls?: number; gates?: SourceGates } = {},
) {
  let n = 0;
  const fake = fakeFetch({
    "POST /las/oauth2/token": () =>
      json({ access_token: `t${++n}`, token_type: "Bearer", expires_in: 300, scope: "eduv.student.basic eduv.association eduv.consent" }),
    "POST /lr/oauth2/token": () => json({ access_token: `u${++n}`, token_type: "Bearer", expires_in: 300 }),
    ...routes,
  });
  const config = testConfig("http://localhost:9", {
    timeoutMs: opts.timeoutMs ?? 2_000,
    ...(opts.maxConcurrentCalls ? { maxConcurrentCalls: opts.maxConcurrentCalls } : {}),
  });
  const tokens = new TokenProvider({ signingKey: async () => key, fetch: fake.fetch, secret: () => "pw" });
  const client = new EduvClient({
    config,
    tokens,
    fetch: fake.fetch,
    retryDelayMs: 1,
    breakerThreshold: opts.breakerThreshold ?? 50,
    gates: opts.gates,
  });
  const apiCalls = () => fake.calls.filter((c) => !c.url.includes("/oauth2/"));
  return { client, calls: fake.calls, apiCalls };
}

describe("a successful list call", () => {
  it("sends the school as query parameters with a bearer token and validates each record", async () => {
    const { client, apiCalls } = setup({
      "GET /las/v1/students/school": () => json([student, { givenName: "zonder id", familyName: "X" }], 200, { "API-Version": "1.1.0" }),
    });
    const result = await client.call(listStudents, "las", { query: { orgMasterId: "900A101", schoolPeriodId: "2025-2026" } });
    expect(result.records).toEqual([student]);
    expect(result.report?.invalid).toMatchObject({ count: 1, paths: { "userMasterIdentifier|userIds": 1 } });
    expect(result.meta).toMatchObject({
      sourceId: "las",
      httpStatus: 200,
      apiVersion: "1.1.0",
      grantedScopes: ["eduv.student.basic", "eduv.association", "eduv.consent"],
    });
    const req = apiCalls()[0]!;
    expect(new URL(req.url).search).toBe("?orgMasterId=900A101&schoolPeriodId=2025-2026");
    expect(req.headers.get("authorization")).toBe("Bearer t1");
  });

  it("asks only for the optional scopes this Source is configured with", async () => {
    const { client, calls } = setup({ "GET /las/v1/students/school": () => json([]) });
    await client.call(listStudents, "las", { query: { orgMasterId: "900A101" } });
    const form = new URLSearchParams(await calls[0]!.text());
    expect(form.get("scope")!.split(" ").sort()).toEqual(["eduv.student.basic", "eduv.student.demographics"]);
  });
});

describe("identifiers of persons travel only in POST bodies", () => {
  it("sends the employee in the body of the assignments POST, filters in the query", async () => {
    const { client, apiCalls } = setup({ "POST /las/v1/assignments/school/employee": () => json([]) });
    const employee = { userIds: [{ userId: "jdevries@realm", userIdType: "NEPRI" }] };
    await client.call(listEmployeeAssignments, "las", {
      query: { assignmentType: "teacher" },
      body: { school: { organisationMasterIdentifier: "900A101" }, employee },
    });
    const req = apiCalls()[0]!;
    expect(req.url).not.toContain("jdevries");
    expect(new URL(req.url).search).toBe("?assignmentType=teacher");
    expect(await req.json()).toEqual({ school: { organisationMasterIdentifier: "900A101" }, employee });
  });

  it("refuses a query with a person's identifier before any request", async () => {
    const { client, calls } = setup({});
    await expect(client.call(listEnrollments, "las", { query: { orgMasterId: "900A101", subjectOfferingId: ECK } })).rejects.toThrow(
      /POST body/,
    );
    expect(calls).toHaveLength(0);
  });
});

describe("parameter rules are enforced before any call", () => {
  it.each([
    ["no school", listStudents, { query: {} }],
    ["master and secondary id", listStudents, { query: { orgMasterId: "900A101", orgId: "99ZZ00", orgIdType: "V_ID" } }],
    ["filterByOrgId with orgMasterId", listEnrollments, { query: { orgMasterId: "900A101", filterByOrgId: true } }],
    ["an unknown enrollmentType", listEnrollments, { query: { orgMasterId: "900A101", enrollmentType: "course" } }],
    ["usage without user", getUserUsage, { body: { school: { organisationMasterIdentifier: "900A101" } } }],
    [
      "consent for an api the spec does not know",
      putConsentRequest,
      {
        body: {
          consumerReferenceId: "x",
          school: { organisationMasterIdentifier: "900A101" },
          api: "grades-api",
          scopes: ["eduv.association"],
          consumerStatus: "accepted",
        },
      },
    ],
  ] as const)("%s", async (_label, op, input) => {
    const { client, calls } = setup({});
    const source = op === getUserUsage ? "lr" : "las";
    await expect(client.call(op, source, input)).rejects.toBeInstanceOf(SourceRequestError);
    expect(calls).toHaveLength(0);
  });

  it("refuses an operation the Source is not configured for", async () => {
    const { client, calls } = setup({});
    await expect(client.call(getUserUsage, "las", {})).rejects.toMatchObject({ kind: "not_configured" });
    expect(calls).toHaveLength(0);
  });
});

describe("Source errors become typed errors", () => {
  it.each([
    ["401 / 0021", () => json({ status: 21, statusMessage: "scope required" }, 401), "scope_missing", 21],
    ["403 / 0022", () => json({ status: 22, statusMessage: "consent required" }, 403), "consent_missing", 22],
    ["400 / 0023", () => json({ status: 23, statusMessage: "edu_org_id unknown" }, 400), "school_unknown", 23],
    ["400 / 0011", () => json({ status: 11 }, 400), "request_rejected", 11],
    ["400 / 0012", () => json({ status: 12 }, 400), "request_rejected", 12],
    ["404", () => json({ status: 99, statusMessage: "not found" }, 404), "not_found", 99],
    ["404 without a body", () => new Response(null, { status: 404 }), "not_found", undefined],
    ["404 / 0023: the school, not the person, is unknown", () => json({ status: 23 }, 404), "school_unknown", 23],
    ["401 / 0022: the code, not the HTTP status, says what is missing", () => json({ status: 22 }, 401), "consent_missing", 22],
    ["403 / 0023", () => json({ status: 23 }, 403), "school_unknown", 23],
    ["405 without body", () => new Response(null, { status: 405 }), "method_not_allowed", undefined],
    ["a 200 that is not JSON", () => new Response('[{"givenName": "Ev', { status: 200 }), "invalid_answer", undefined],
    ["a 200 object instead of an array", () => json({ students: [] }), "invalid_answer", undefined],
  ])("%s", async (_label, answer, kind, statusCode) => {
    const { client } = setup({ "GET /las/v1/students/school": answer });
    const err = await client.call(listStudents, "las", { query: { orgMasterId: "900A101" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ kind, statusCode, sourceId: "las" });
  });

  it("a 405 from an Aanspraakmanager on usage says it is not a Licentieregistratie", async () => {
    const { client } = setup({ "POST /lr/v1/usage/school/user": () => new Response(null, { status: 405 }) });
    const err = await rejection(
      client.call(getUserUsage, "lr", {
        body: { school: { organisationMasterIdentifier: "900A101" }, user: { userMasterIdentifier: ECK } },
      }),
    );
    expect(err.kind).toBe("method_not_allowed");
    expect(sourceErrorText(err.kind, "nl", undefined, err.statusCode)).toMatch(/geen Licentieregistratie/);
  });

  it("an error carries no identifier or Source free text in its message", async () => {
    const { client } = setup({ "POST /lr/v1/usage/school/user": () => json({ status: 99, statusMessage: `user ${ECK} not found` }, 404) });
    const err = await rejection(
      client.call(getUserUsage, "lr", {
        body: { school: { organisationMasterIdentifier: "900A101" }, user: { userMasterIdentifier: ECK } },
      }),
    );
    const messages = {
      nl: sourceErrorText(err.kind, "nl", undefined, err.statusCode),
      en: sourceErrorText(err.kind, "en", undefined, err.statusCode),
    };
    expect(JSON.stringify({ ...err.toJSON(), message: err.message, messages })).not.toContain("ketenid");
  });
});

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
