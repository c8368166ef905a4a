import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as sessionEnds } from "@/app/api/e2e/session-ends/route";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const saved = { LDB_E2E: process.env.LDB_E2E, NODE_ENV: process.env.NODE_ENV, DEMO_MODE: process.env.DEMO_MODE };
const env = process.env as Record<string, string | undefined>;
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
});

const HOUR = 3_600_000;
beforeAll(async () => {
  const { db } = await getStore();
  await db.insert(users).values({ id: "idle", email: "idle@school.example", idpRoles: ["consent:sg-de-horizon"] });
  await db.insert(sessions).values({ sessionToken: "tok-idle", userId: "idle", expires: new Date(Date.now() + HOUR) });
});

const call = (query: string, cookie = "ldb.session=tok-idle") =>
  sessionEnds(new Request(`http://localhost:3000/api/e2e/session-ends${query}`, { method: "POST", headers: { cookie } }));
const expiresAt = async () =>
  (await (await getStore()).db.select().from(sessions).where(eq(sessions.sessionToken, "tok-idle")))[0]!.expires.getTime();

describe("POST /api/e2e/session-ends (the browser tests' idle time passing)", () => {
  it("is not there without LDB_E2E=1, nor in production with it: 404, and the session is untouched", async () => {
    delete env.LDB_E2E;
    const before = await expiresAt();
    expect((await call("?in=5")).status).toBe(404);
    Object.assign(env, { LDB_E2E: "1", NODE_ENV: "production" });
    delete env.DEMO_MODE;
    expect((await call("?in=5")).status).toBe(404);
    expect(await expiresAt()).toBe(before);
  });

  it("with LDB_E2E=1: the caller's own session ends that many seconds from now; a bad number or no session is 400", async () => {
    env.LDB_E2E = "1";
    const started = Date.now();
    const res = await call("?in=5");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sessions: 1 });
    const end = await expiresAt();
    expect(end).toBeGreaterThanOrEqual(started + 5_000);
    expect(end).toBeLessThan(started + 65_000);
    for (const bad of ["", "?in=0", "?in=121", "?in=2.5", "?in=x"]) expect((await call(bad)).status, bad).toBe(400);
    expect((await call("?in=5", "")).status).toBe(400);
  });
});
