import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { POST as createConsent } from "@/app/api/consent/route";
import { POST as tokenPost } from "@/app/api/eduv/oauth2/token/route";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { FORM_BODY_CAP, JSON_BODY_CAP, TOO_LARGE, readCappedText } from "./request-body";
import { CSRF_HEADER, staffRoute } from "./route";
import type { NextRequest } from "next/server";

// next-auth itself does not load outside Next; its POST handler here answers with the body it was given.
vi.mock("@/lib/auth/config", () => ({
  handlers: { GET: async () => new Response(null), POST: async (req: Request) => new Response(await req.text()) },
}));

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const BASE = "http://localhost:3000";
const SCHOOL = "obs-de-regenboog";

beforeAll(async () => {
  const { db } = await getStore();
  await db.insert(users).values([
    { id: "adm", email: "adm@school.example", idpRoles: [`schooladmin:${SCHOOL}`] },
    { id: "cm", email: "cm@school.example", idpRoles: [`consent:${SCHOOL}`] },
  ]);
  await db.insert(sessions).values([
    { sessionToken: "tok-adm", userId: "adm", expires: new Date(Date.now() + 3_600_000) },
    { sessionToken: "tok-cm", userId: "cm", expires: new Date(Date.now() + 3_600_000) },
  ]);
});

/** A body that sends `chunks` chunks of `size` bytes (forever when Infinity) and counts how many were pulled. */
function stream(size: number, chunks: number) {
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (seen.pulled >= chunks) return c.close();
      seen.pulled++;
      c.enqueue(new TextEncoder().encode(" ".repeat(size)));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { body, seen };
}

/** Cancelled just past the cap: the 1 KiB chunk that crossed it, and at most one more the stream had queued ahead. */
function expectCutOff(seen: { pulled: number; cancelled: boolean }, cap: number) {
  expect(seen.cancelled).toBe(true);
  expect(seen.pulled).toBeGreaterThanOrEqual(cap / 1024 + 1);
  expect(seen.pulled).toBeLessThanOrEqual(cap / 1024 + 2);
}

/** `{"n":1,"pad":"…"}` of exactly `bytes` bytes. */
const jsonOf = (bytes: number) => {
  const shell = JSON.stringify({ n: 1, pad: "" });
  return JSON.stringify({ n: 1, pad: "x".repeat(bytes - shell.length) });
};

describe("the capped reader", () => {
  it("reads a body of exactly the cap, refuses one byte more, with or without Content-Length", async () => {
    const at = (n: number, declare: boolean) =>
      new Request(BASE, { method: "POST", body: "x".repeat(n), headers: declare ? { "content-length": String(n) } : {} });
    expect(await readCappedText(at(1024, true), 1024)).toHaveLength(1024);
    expect(await readCappedText(at(1025, true), 1024)).toBe(TOO_LARGE);
    expect(await readCappedText(at(1025, false), 1024)).toBe(TOO_LARGE);
  });

  it("counts the bytes, not the declared length: a body that lies about its size is cut off", async () => {
    const { body, seen } = stream(1024, Infinity);
    const lying = new Request(BASE, { method: "POST", body, duplex: "half", headers: { "content-length": "10" } } as RequestInit);
    expect(await readCappedText(lying, 4096)).toBe(TOO_LARGE);
    expectCutOff(seen, 4096); // 5 KiB read of an endless body, then the stream was cancelled
  });
});

describe("BFF routes: JSON bodies capped at 64 KiB (413 in the one error shape)", () => {
  const echo = staffRoute({ action: "students.read", body: z.object({ n: z.int() }) }, async ({ body }) => ({ json: { n: body.n } }));
  const headers = (extra: Record<string, string> = {}) => ({
    cookie: "ldb.session=tok-adm",
    [CSRF_HEADER]: "1",
    "content-type": "application/json",
    origin: BASE,
    "sec-fetch-site": "same-origin",
    ...extra,
  });
  const post = (body: BodyInit, extra: Record<string, string> = {}) =>
    echo(new Request(`${BASE}/x?school=${SCHOOL}`, { method: "POST", headers: headers(extra), body, duplex: "half" } as RequestInit));

  it("just under and at the cap: read; one byte over: 413 with the limit named, in Dutch or English", async () => {
    expect(JSON_BODY_CAP).toBe(65_536);
    expect((await post(jsonOf(JSON_BODY_CAP - 1))).status).toBe(200);
    expect((await post(jsonOf(JSON_BODY_CAP))).status).toBe(200);
    const over = await post(jsonOf(JSON_BODY_CAP + 1));
    expect(over.status).toBe(413);
    expect(over.headers.get("cache-control")).toBe("no-store");
    expect(await over.json()).toEqual({
      error: { code: "payload_too_large", message: "Het verzoek is te groot; het is niet gelezen. De grens is 64 KiB." },
    });
    const en = await post(jsonOf(JSON_BODY_CAP + 1), { cookie: "ldb.session=tok-adm; ldb.lang=en" });
    expect(await en.json()).toEqual({
      error: { code: "payload_too_large", message: "The request is too large; it was not read. The limit is 64 KiB." },
    });
  });

  it("a declared Content-Length over the cap is refused before the session is looked at, without reading", async () => {
    const { body, seen } = stream(1024, 100);
    const res = await echo(
      new Request(`${BASE}/x`, { method: "POST", headers: { "content-length": String(100 * 1024) }, body, duplex: "half" } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(seen.pulled).toBeLessThanOrEqual(1); // at most what the stream had ready before anyone asked
  });

  it("chunked, or with a Content-Length that lies: reading stops just past the cap", async () => {
    for (const extra of [{}, { "content-length": "20" }] as Array<Record<string, string>>) {
      const { body, seen } = stream(1024, Infinity);
      const res = await post(body, extra);
      expect(res.status).toBe(413);
      expectCutOff(seen, JSON_BODY_CAP);
    }
  });

  it("the largest consent request the route's schema allows fits, even with every character escaped", async () => {
    const esc = (n: number) => "\u0001".repeat(n); // JSON sends it as \u0001: six bytes per character
    const biggest = {
      providerId: esc(64),
      api: "students-api",
      scopes: Array.from({ length: 20 }, () => esc(100)),
      reason: esc(1000),
      send: false,
    };
    const text = JSON.stringify(biggest);
    expect(text.length).toBeGreaterThan(18_000);
    expect(text.length).toBeLessThan(JSON_BODY_CAP);
    const res = await createConsent(
      new Request(`${BASE}/api/consent?school=${SCHOOL}`, {
        method: "POST",
        headers: headers({ cookie: "ldb.session=tok-cm" }),
        body: text,
      }),
    );
    expect(res.status).toBe(400); // read and judged by the schema and the catalog (no such Provider), not refused for its size
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_input");
  });
});

describe("public form endpoints: 16 KiB", () => {
  const form = (bytes: number) => `grant_type=client_credentials&pad=${"x".repeat(bytes - "grant_type=client_credentials&pad=".length)}`;
  const token = (body: BodyInit, headers: Record<string, string> = {}) =>
    tokenPost(
      new Request(`${BASE}/api/eduv/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body,
        duplex: "half",
      } as RequestInit),
    );

  it("the token endpoint reads a form at the cap (and answers it as OAuth), refuses one byte more with 413", async () => {
    expect(FORM_BODY_CAP).toBe(16_384);
    const at = await token(form(FORM_BODY_CAP));
    expect([at.status, ((await at.json()) as { error: string }).error]).toEqual([401, "invalid_client"]);
    const over = await token(form(FORM_BODY_CAP + 1));
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ error: "invalid_request", error_description: "body over 16384 bytes" });
  });

  it("the token endpoint: a declared length over the cap, chunked or lying bodies", async () => {
    const declared = stream(1024, 100);
    expect((await token(declared.body, { "content-length": String(100 * 1024) })).status).toBe(413);
    expect(declared.seen.pulled).toBeLessThanOrEqual(1);
    for (const extra of [{}, { "content-length": "40" }] as Array<Record<string, string>>) {
      const { body, seen } = stream(1024, Infinity);
      expect((await token(body, extra)).status).toBe(413);
      expectCutOff(seen, FORM_BODY_CAP);
    }
  });

  it("next-auth's POST gets a form at the cap as sent, and none over it", async () => {
    const auth = (body: BodyInit) =>
      authPost(
        new Request(`${BASE}/api/auth/signout`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body,
          duplex: "half",
        } as RequestInit) as NextRequest,
      );
    const at = await auth(form(FORM_BODY_CAP));
    expect([at.status, (await at.text()).length]).toEqual([200, FORM_BODY_CAP]);
    const { body, seen } = stream(1024, Infinity);
    expect((await auth(body)).status).toBe(413);
    expectCutOff(seen, FORM_BODY_CAP);
  });
});
