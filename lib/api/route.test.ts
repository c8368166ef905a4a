import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getStore } from "@/lib/db/client";
import { sessions, users } from "@/lib/db/auth-schema";
import { accessLog } from "@/lib/db/schema";
import { SourceError } from "@/lib/sources/errors";
import { GET as getSources } from "@/app/api/sources/route";
import { CSRF_HEADER, staffRoute } from "./route";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const URL_BASE = "http://localhost:3000";
const future = () => new Date(Date.now() + 3_600_000);

beforeAll(async () => {
  const { db } = await getStore();
  await db.insert(users).values([
    { id: "adm", email: "adm@school.example", idpRoles: ["schooladmin:obs-de-regenboog"] },
    { id: "none", email: "none@school.example", idpRoles: [] },
  ]);
  await db.insert(sessions).values([
    { sessionToken: "tok-adm", userId: "adm", expires: future() },
    { sessionToken: "tok-none", userId: "none", expires: future() },
  ]);
});

const req = (path: string, init: RequestInit & { token?: string } = {}) =>
  new Request(`${URL_BASE}${path}`, {
    ...init,
    headers: { ...(init.token ? { cookie: `ldb.session=${init.token}` } : {}), ...(init.headers as object) },
  });

describe("route handlers protect themselves when called directly (no proxy in front)", () => {
  it("GET /api/sources without a session: 401 with a Dutch message", async () => {
    const res = await getSources(req("/api/sources"));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthenticated", message: "U bent niet (meer) aangemeld." } });
  });

  it("GET /api/sources with a forged session: 401", async () => {
    expect((await getSources(req("/api/sources", { token: "forged" }))).status).toBe(401);
  });

  it("GET /api/sources for an account without a role: 403", async () => {
    expect((await getSources(req("/api/sources?school=obs-de-regenboog", { token: "tok-none" }))).status).toBe(403);
  });

  it("GET /api/sources for another school than one's own: 403", async () => {
    expect((await getSources(req("/api/sources?school=meridiaan-college", { token: "tok-adm" }))).status).toBe(403);
  });

  it("answers in English when the user chose English, in Dutch whatever the browser's language otherwise", async () => {
    const dutch = await getSources(req("/api/sources", { headers: { "accept-language": "en-GB,en" } }));
    expect(((await dutch.json()) as { error: { message: string } }).error.message).toBe("U bent niet (meer) aangemeld.");
    const res = await getSources(req("/api/sources", { headers: { cookie: "ldb.lang=en" } }));
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("You are not signed in (any more).");
  });
});

describe("the route wrapper", () => {
  const echo = staffRoute(
    { action: "students.read", query: z.strictObject({ q: z.string().max(5).optional() }), body: z.object({ n: z.int() }) },
    async ({ body }) => ({ json: { n: body.n }, access: { dataKind: "students", action: "list", personCount: body.n } }),
  );
  const post = (init: RequestInit & { token?: string }, path = "/x?school=obs-de-regenboog") =>
    echo(req(path, { method: "POST", ...init }));
  const ok = { [CSRF_HEADER]: "1", "content-type": "application/json", origin: URL_BASE, "sec-fetch-site": "same-origin" };

  it("refuses an unsafe request without the CSRF header, from another origin or another site", async () => {
    for (const headers of [
      { ...ok, [CSRF_HEADER]: "" },
      { ...ok, origin: "https://evil.example" },
      { ...ok, "sec-fetch-site": "cross-site" },
    ]) {
      const res = await post({ token: "tok-adm", headers, body: JSON.stringify({ n: 1 }) });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("csrf");
    }
  });

  it("400 with field paths, never a stack trace, for bad query or body", async () => {
    const bad = await post({ token: "tok-adm", headers: ok, body: JSON.stringify({ n: "x" }) });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain("body.n");
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect((await post({ token: "tok-adm", headers: ok, body: "{" })).status).toBe(400);
    expect(
      (await post({ token: "tok-adm", headers: ok, body: JSON.stringify({ n: 1 }) }, "/x?school=obs-de-regenboog&q=toolongvalue")).status,
    ).toBe(400);
  });

  it("answers no-store and writes the access log", async () => {
    const { db } = await getStore();
    const before = (await db.select().from(accessLog)).length;
    const res = await post({ token: "tok-adm", headers: ok, body: JSON.stringify({ n: 204 }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const rows = await db.select().from(accessLog);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      actor: "adm@school.example",
      actorRoles: "schooladmin",
      schoolId: "obs-de-regenboog",
      dataKind: "students",
      personCount: 204,
    });
  });

  it("under test, an answer that strays from its contract is a 500 naming the route and field path, not passed on", async () => {
    const lines: string[] = [];
    const { useLogDestination } = await import("@/lib/log");
    useLogDestination({ write: (line: string) => void lines.push(line) }, "error");
    try {
      // A handler whose types do not hold at run time (a store's text column, a cast): the check still sees the real answer.
      const drifting = staffRoute({ action: "students.read", response: z.object({ count: z.number() }) }, async () => ({
        json: { count: "204" } as unknown as { count: number },
      }));
      const res = await drifting(req("/x/drift?school=obs-de-regenboog", { token: "tok-adm" }));
      expect(res.status).toBe(500);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("internal");
      const logged = lines
        .map((l) => JSON.parse(l) as { msg: string; route: string; paths: string[] })
        .find((l) => l.msg === "answer does not match its contract");
      expect(logged).toMatchObject({ route: "/x/drift", paths: ["count"] });
      // The value is in no field the wrapper wrote (the logger's own pid and time may hold any digits).
      const written = lines.map((l) => {
        const fields = JSON.parse(l) as Record<string, unknown>;
        delete fields.pid;
        delete fields.time;
        return JSON.stringify(fields);
      });
      expect(written.join("\n")).not.toContain("204");
      const keeping = staffRoute({ action: "students.read", response: z.object({ count: z.number() }) }, async () => ({
        json: { count: 204 },
      }));
      expect((await keeping(req("/x?school=obs-de-regenboog", { token: "tok-adm" }))).status).toBe(200);
    } finally {
      useLogDestination(undefined);
    }
  });

  it("maps a Source error to a stable code and a message in the user's language", async () => {
    const failing = staffRoute({ action: "students.read" }, async () => {
      throw new SourceError("consent_missing", "las-a", { httpStatus: 403, statusCode: 22 });
    });
    const res = await failing(req("/x?school=obs-de-regenboog", { token: "tok-adm" }));
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({
      error: {
        code: "consent_missing",
        message: "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022).",
        sourceId: "las-a",
        statusCode: "0022",
      },
    });
  });

  it("turns an unexpected error into a generic 500", async () => {
    const broken = staffRoute({ action: "students.read" }, async () => {
      throw new TypeError("secret detail https://ketenid.nl/201703/abc");
    });
    const res = await broken(req("/x?school=obs-de-regenboog", { token: "tok-adm" }));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("ketenid");
  });
});
