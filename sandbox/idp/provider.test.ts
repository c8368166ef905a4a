import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdp } from "./provider";

let server: Server;
let issuer: string;
const APP = "http://localhost:3999";

beforeAll(async () => {
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handler = createIdp({ issuer, appUrl: APP });
});
afterAll(() => new Promise((r) => server.close(r)));
let handler: ReturnType<typeof createIdp>;

/** A browser in miniature: follows nothing by itself, keeps cookies. */
function browser() {
  const jar = new Map<string, string>();
  return async (url: string, init: RequestInit = {}) => {
    const res = await fetch(new URL(url, issuer), {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as object), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return res;
  };
}

async function signIn(login: string, password: string) {
  const go = browser();
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const params = new URLSearchParams({
    client_id: "leermiddelendashboard-staff",
    redirect_uri: `${APP}/api/auth/callback/staff`,
    response_type: "code",
    scope: "openid email profile eduv_roles",
    state: "s1",
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  let res = await go(`/auth?${params}`);
  const interaction = res.headers.get("location")!;
  expect(await (await go(interaction)).text()).toContain("Gebruikersnaam");
  res = await go(`${interaction}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ login, password }),
  });
  if (res.status === 200) return { error: await res.text() };
  for (let hops = 0; hops < 6; hops++) {
    const location = res.headers.get("location")!;
    if (location.startsWith(APP)) {
      const code = new URL(location).searchParams.get("code")!;
      const token = await fetch(`${issuer}/token`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from("leermiddelendashboard-staff:demo-staff-secret").toString("base64")}`,
        },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          redirect_uri: `${APP}/api/auth/callback/staff`,
          code_verifier: verifier,
        }),
      });
      return { idToken: decodeJwt(((await token.json()) as { id_token: string }).id_token) };
    }
    res = await go(location);
  }
  throw new Error("no redirect back to the dashboard");
}

describe("sandbox OpenID Connect provider", () => {
  it("publishes discovery with PKCE S256", async () => {
    const d = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(d).toMatchObject({ issuer, code_challenge_methods_supported: ["S256"] });
  });

  it("signs in a demo account with authorization code + PKCE and puts its roles in the ID token", async () => {
    const { idToken } = await signIn("support", "demo");
    expect(idToken).toMatchObject({
      sub: "support",
      name: "Sanne Visser",
      eduv_roles: expect.arrayContaining(["support:meridiaan-college"]),
    });
  });

  it("says in the ID token, next to iss and sub, whether it verified the e-mail address: true for a checked one, false for one never confirmed", async () => {
    expect((await signIn("beheer-po", "demo")).idToken).toMatchObject({
      iss: issuer,
      sub: "beheer-po",
      email: "p.deboer@obsderegenboog.example",
      email_verified: true,
    });
    expect((await signIn("geen-rol", "demo")).idToken).toMatchObject({
      iss: issuer,
      sub: "geen-rol",
      email: "t.bakker@obsderegenboog.example",
      email_verified: false,
    });
  });

  it("gives the account without a role an empty role list", async () => {
    const { idToken } = await signIn("geen-rol", "demo");
    expect(idToken).toMatchObject({ sub: "geen-rol", eduv_roles: [] });
  });

  it("refuses a wrong password with a Dutch message", async () => {
    const { error } = await signIn("beheer-po", "fout");
    expect(error).toContain("Onbekende gebruikersnaam of onjuist wachtwoord.");
  });

  it("refuses an authorization request without PKCE", async () => {
    const params = new URLSearchParams({
      client_id: "leermiddelendashboard-staff",
      redirect_uri: `${APP}/api/auth/callback/staff`,
      response_type: "code",
      scope: "openid",
    });
    const res = await fetch(`${issuer}/auth?${params}`, { redirect: "manual" });
    expect(res.headers.get("location") ?? "").toContain("error=invalid_request");
  });
});
