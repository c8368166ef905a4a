import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SignJWT } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SigningKey } from "@/lib/sources/transport/signing-key";
import { testSigningKey } from "@/lib/sources/testing/fixtures";
import { resetProcessLimits } from "@/lib/limits/process-limits";
import { clientAddress } from "./token-limits";

process.env.PGLITE_DIR = "memory://";
process.env.LDB_PUBLIC_URL = "http://localhost:3000";
const TOKEN_URL = "http://localhost:3000/api/eduv/oauth2/token";

let jwks: Server;
let lrB: SigningKey;
let stranger: SigningKey;
let tokenRoute: (req: Request) => Promise<Response>;
const clock = { t: Date.now() };

beforeAll(async () => {
  lrB = await testSigningKey();
  stranger = await testSigningKey();
  jwks = createServer((_req, res) =>
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [lrB.publicJwk] })),
  );
  const port = await new Promise<number>((r) => jwks.listen(0, "127.0.0.1", () => r((jwks.address() as AddressInfo).port)));
  const demo = JSON.parse(readFileSync("config/sources.demo.json", "utf8"));
  for (const s of demo.sources) if (s.id === "lr-b") s.consent = { delivery: "poll", jwksUri: `http://127.0.0.1:${port}/lr-b.json` };
  const file = path.join(tmpdir(), `sources-${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify(demo));
  process.env.EDUV_SOURCES_FILE = file;
  tokenRoute = (await import("@/app/api/eduv/oauth2/token/route")).POST;
}, 120_000);
afterAll(() => new Promise((r) => jwks.close(r)));
beforeEach(() => {
  clock.t = Date.now();
  resetProcessLimits({ now: () => clock.t });
});

const assertion = (key: SigningKey, clientId: string) =>
  new SignJWT({})
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(TOKEN_URL)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + 60)
    .sign(key.privateKey);

async function ask(key: SigningKey, clientId: string, from: string) {
  const form = {
    grant_type: "client_credentials",
    scope: "eduv.consent",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: await assertion(key, clientId),
  };
  const res = await tokenRoute(
    new Request(TOKEN_URL, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": from },
      body: new URLSearchParams(form).toString(),
    }),
  );
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: (await res.json()) as { error?: string; error_description?: string },
  };
}

describe("the token endpoint's limits", () => {
  it("a registered client: 10 tokens at once, the 11th told to slow down (429, Retry-After), one more every 6 s", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await ask(lrB, "lr-b", "10.0.0.1")).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    expect(await ask(lrB, "lr-b", "10.0.0.2")).toEqual({
      status: 429,
      retryAfter: "6",
      body: { error: "temporarily_unavailable", error_description: "too many token requests; try again in 6 s" },
    });
    clock.t += 6_000;
    expect((await ask(lrB, "lr-b", "10.0.0.1")).status).toBe(200);
  });

  it("forged assertions naming a real client cost that client nothing; they use up their address's failures", async () => {
    for (let i = 0; i < 10; i++) expect((await ask(stranger, "lr-b", "10.6.6.6")).status).toBe(401);
    const refused = await ask(stranger, "lr-b", "10.6.6.6");
    expect([refused.status, refused.body.error]).toEqual([429, "temporarily_unavailable"]);
    // The real Provider, elsewhere, still has its whole allowance.
    const real = await Promise.all(Array.from({ length: 10 }, () => ask(lrB, "lr-b", "10.0.0.1")));
    expect(real.map((r) => r.status)).toEqual(Array(10).fill(200));
  });

  it("an unknown client: 10 failures per address, then 429; another address has its own count", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await ask(stranger, "nobody", "10.1.1.1")).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    expect((await ask(stranger, "nobody", "10.1.1.2")).status).toBe(401);
    clock.t += 6_000;
    expect((await ask(stranger, "nobody", "10.1.1.1")).status).toBe(401);
  });

  it("the address is the one the nearest proxy saw (the last X-Forwarded-For entry), or n from the right behind n proxies", () => {
    const req = (xff?: string) => new Request(TOKEN_URL, { headers: xff ? { "x-forwarded-for": xff } : {} });
    expect(clientAddress(req("203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientAddress(req("1.2.3.4, 203.0.113.9"), 1)).toBe("203.0.113.9"); // what the client wrote itself is ignored
    expect(clientAddress(req("1.2.3.4, 203.0.113.9, 10.0.0.5"), 2)).toBe("203.0.113.9");
    expect(clientAddress(req("203.0.113.9"), 3)).toBe("203.0.113.9");
    expect(clientAddress(req(), 1)).toBe("unknown");
  });
});
