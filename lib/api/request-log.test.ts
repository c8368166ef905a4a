import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { POST as usageRoute } from "@/app/api/usage/route";
import { authLogger } from "@/lib/auth/auth-logger";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { EduvClient } from "@/lib/sources/transport/client";
import { SourceError } from "@/lib/sources/errors";
import { getConsentStatuses, listStudents } from "@/lib/sources/operations";
import { fakeFetch, json, testConfig, testSigningKey } from "@/lib/sources/testing/fixtures";
import { TokenProvider } from "@/lib/sources/transport/token";
import { useLogDestination } from "@/lib/log";
import { noteSourceCall } from "./request-log";
import { CSRF_HEADER, staffRoute } from "./route";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const BASE = "http://localhost:3000";
const OWN = "obs-de-regenboog";
// Marker values: none of them may appear in any log line.
const QUERY_MARKER = "qmarker-7f3a91";
const NAME_MARKER = "Naam-Marker Jansen";
const ECK_MARKER = `https://ketenid.nl/201703/${"9e".repeat(64)}`;
const SESSION = "tok-adm-marker-5d2c";

const lines: Array<Record<string, unknown>> = [];
let raw = "";
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    raw += chunk.toString();
    for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

/** A Source client like the runtime's (its observer feeds the request's log line), over a scripted fetch. */
async function client() {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const fake = fakeFetch({
    "POST /las/oauth2/token": () =>
      json({ access_token: "secret-token-marker", token_type: "Bearer", expires_in: 300, scope: "eduv.consent eduv.student.basic" }),
    "GET /las/v1/consent/statuses": async () => {
      await sleep(20);
      return json([]);
    },
    "GET /las/v1/students/school": () => json({ status: 22, statusMessage: "Geen toestemming" }, 403),
  });
  const key = await testSigningKey();
  // One call at a time: the later calls wait in the bulkhead's queue and are started by whichever call ends first.
  return new EduvClient({
    config: testConfig("http://localhost:9", { maxConcurrentCalls: 1 }),
    tokens: new TokenProvider({ signingKey: async () => key, fetch: fake.fetch }),
    fetch: fake.fetch,
    maxAttempts: 1,
    observer: noteSourceCall,
  });
}

beforeAll(async () => {
  useLogDestination(sink, "info");
  const { db } = await getStore();
  await db.insert(users).values([
    { id: "adm", email: "adm@school.example", idpRoles: [`schooladmin:${OWN}`] },
    { id: "sup", email: "sup@school.example", idpRoles: ["support:meridiaan-college"] },
  ]);
  const expires = new Date(Date.now() + 3_600_000);
  await db.insert(sessions).values([
    { sessionToken: SESSION, userId: "adm", expires },
    { sessionToken: "tok-sup", userId: "sup", expires },
  ]);
});
afterAll(() => useLogDestination(undefined));

const headers = (token: string) => ({
  cookie: `ldb.session=${token}`,
  [CSRF_HEADER]: "1",
  origin: BASE,
  "content-type": "application/json",
});

describe("one JSON log line per BFF request", () => {
  it("holds route, method, status, duration and the Sources called with their outcome codes; no query value, name, identifier, token or cookie", async () => {
    const eduv = await client();
    const route = staffRoute(
      { action: "students.read", query: z.strictObject({ q: z.string() }), body: z.strictObject({ name: z.string(), eck: z.string() }) },
      async () => {
        await eduv.call(getConsentStatuses, "las", { query: {} });
        const refused = await eduv.call(listStudents, "las", { query: { orgMasterId: "900A101" } }).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(SourceError);
        return { json: { ok: true } };
      },
    );
    const res = await route(
      new Request(`${BASE}/api/students/detail?school=${OWN}&q=${QUERY_MARKER}`, {
        method: "POST",
        headers: headers(SESSION),
        body: JSON.stringify({ name: NAME_MARKER, eck: ECK_MARKER }),
      }),
    );
    expect(res.status).toBe(200);
    const line = lines.at(-1)!;
    expect(line).toMatchObject({
      level: "info",
      msg: "request",
      route: "/api/students/detail",
      method: "POST",
      status: 200,
      sources: { las: { "200": 1, "403:0022": 1 } },
    });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(Object.keys(line).sort()).toEqual([
      "durationMs",
      "hostname",
      "level",
      "method",
      "msg",
      "pid",
      "route",
      "sources",
      "status",
      "time",
    ]);
  });

  it("a refused lookup through the real usage route: 403 logged, the identifier in its body nowhere", async () => {
    const res = await usageRoute(
      new Request(`${BASE}/api/usage?school=${OWN}`, {
        method: "POST",
        headers: headers("tok-sup"),
        body: JSON.stringify({ user: { userMasterIdentifier: ECK_MARKER } }),
      }),
    );
    expect(res.status).toBe(403);
    expect(lines.at(-1)).toMatchObject({ msg: "request", route: "/api/usage", method: "POST", status: 403, sources: {} });
  });

  it("counts each Source call for its own request, also calls that waited in the queue and were started by another request's", async () => {
    const eduv = await client();
    const route = staffRoute({ action: "students.read", query: z.strictObject({ n: z.coerce.number() }) }, async ({ query }) => {
      await Promise.all(Array.from({ length: query.n }, () => eduv.call(getConsentStatuses, "las", { query: {} })));
      return { json: { n: query.n } };
    });
    const from = lines.length;
    await Promise.all([2, 3, 1].map((n) => route(new Request(`${BASE}/api/students?school=${OWN}&n=${n}`, { headers: headers(SESSION) }))));
    const counts = lines
      .slice(from)
      .map((l) => (l.sources as { las?: Record<string, number> }).las?.["200"])
      .sort();
    expect(counts).toEqual([1, 2, 3]);
  });

  it("an unexpected error is logged by its class only", async () => {
    const broken = staffRoute({ action: "students.read" }, async () => {
      throw new TypeError(`cannot read ${ECK_MARKER} of ${NAME_MARKER}`);
    });
    expect((await broken(new Request(`${BASE}/api/students?school=${OWN}`, { headers: headers(SESSION) }))).status).toBe(500);
    const error = lines.find((l) => l.msg === "internal error")!;
    expect(error).toMatchObject({ level: "error", err: { type: "TypeError" }, route: "/api/students" });
  });

  it("next-auth's errors and warnings: their type and code, never the message, the cause's text or the details", () => {
    const cause = {
      err: new Error(`invalid_grant for code=${QUERY_MARKER}`),
      query: { code: QUERY_MARKER, state: "s" },
      token: "secret-token-marker",
    };
    const error = Object.assign(new Error(`callback failed ${BASE}/api/auth/callback/staff?code=${QUERY_MARKER}`, { cause }), {
      type: "CallbackRouteError",
    });
    authLogger.error!(error);
    authLogger.warn!("debug-enabled");
    authLogger.debug!("authorization url is ready", { url: `${BASE}?code=${QUERY_MARKER}` });
    expect(lines.slice(-2)).toEqual([
      expect.objectContaining({ level: "error", msg: "auth error", authError: "CallbackRouteError", cause: "Error" }),
      expect.objectContaining({ level: "warn", msg: "auth warning", authWarning: "debug-enabled" }),
    ]);
  });

  it("no line written in this file holds a marker, a session token or a Source token", () => {
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const marker of [QUERY_MARKER, NAME_MARKER, ECK_MARKER, "ketenid", SESSION, "secret-token-marker", "Jansen"])
      expect(raw).not.toContain(marker);
    console.log(
      `[request log] ${lines.length} lines checked for 7 markers, 0 found; e.g. ${JSON.stringify(lines.find((l) => l.msg === "request" && Object.keys(l.sources as object).length))}`,
    );
  });
});
