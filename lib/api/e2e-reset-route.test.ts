import { afterEach, describe, expect, it } from "vitest";
import { POST as reset } from "@/app/api/e2e/reset/route";
import { AnswerCache } from "@/lib/sources/answer-cache";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { productionStartProblem } from "@/lib/env/production";
import { processLimits } from "@/lib/limits/process-limits";

process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const saved = { LDB_E2E: process.env.LDB_E2E, NODE_ENV: process.env.NODE_ENV, DEMO_MODE: process.env.DEMO_MODE };
const env = process.env as Record<string, string | undefined>;
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
});

/** A cache holding one answer; `cached()` says whether the next get is served from it. */
async function cacheWithOneAnswer() {
  const cache = new AnswerCache<string>({ maxEntries: 10, maxBytes: 1_000, ttlMs: 60_000 });
  const key = AnswerCache.key({ sourceId: "las-a", schoolId: "obs-de-regenboog", operationId: "op", query: {}, scopes: [] });
  await cache.get(key, async () => ({ value: "first", bytes: 5 }));
  return { cached: async () => (await cache.get(key, async () => ({ value: "again", bytes: 5 }))).fromCache };
}

describe("POST /api/e2e/reset (the browser tests' known state)", () => {
  it("is not there without LDB_E2E=1: 404, and nothing is reset", async () => {
    delete env.LDB_E2E;
    const { cached } = await cacheWithOneAnswer();
    const runtime = getEduvRuntime();
    expect((await reset()).status).toBe(404);
    expect(await cached()).toBe(true);
    expect(getEduvRuntime()).toBe(runtime);
  });

  it("is not there in a production run, even with LDB_E2E=1", async () => {
    Object.assign(env, { LDB_E2E: "1", NODE_ENV: "production" });
    delete env.DEMO_MODE;
    expect((await reset()).status).toBe(404);
  });

  it("with LDB_E2E=1: every answer cache forgets, the Source client (breakers, pauses, tokens) and the rate limits start anew", async () => {
    env.LDB_E2E = "1";
    const { cached } = await cacheWithOneAnswer();
    const runtime = getEduvRuntime();
    const limits = processLimits();
    const res = await reset();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await cached()).toBe(false);
    expect(getEduvRuntime()).not.toBe(runtime);
    expect(processLimits()).not.toBe(limits);
  });
});

describe("a production start with LDB_E2E=1", () => {
  it("is refused, naming the setting, even with every production setting present", () => {
    const complete = {
      NODE_ENV: "production",
      OIDC_ISSUER: "https://login.school.example",
      OIDC_CLIENT_ID: "ldb",
      OIDC_CLIENT_SECRET: "s3cret",
      AUTH_SECRET: "a".repeat(43),
      AUTH_URL: "https://dashboard.school.example",
      EDUV_SOURCES_FILE: "/etc/ldb/sources.json",
      EDUV_CLIENT_KEY_FILE: "/etc/ldb/client-key.pem",
      ACCESS_LOG_HASH_KEY: "k".repeat(32),
    };
    expect(productionStartProblem(complete)).toBeNull();
    expect(productionStartProblem({ ...complete, LDB_E2E: "1" })).toMatch(
      /^Leermiddelendashboard will not start in production: LDB_E2E=1 is set/,
    );
    expect(productionStartProblem({ ...complete, LDB_E2E: "1", DEMO_MODE: "1" })).toBeNull();
  });
});
