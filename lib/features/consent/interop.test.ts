// Issue 24 item 7: the dashboard's token endpoint as a Provider's standard OAuth2 client finds and
// uses it. openid-client 6 (the library the issue tried) discovers the RFC 8414 metadata, gets a
// token with private_key_jwt (its own assertion: aud the issuer identifier, as RFC 7523 allows),
// ES256 and RS256, and collects the consent requests with it; a key the Provider does not hold is
// refused as invalid_client, in the body, not as a Basic challenge. Every request goes to the route
// handlers themselves (openid-client's customFetch); the Providers' JWKS is a real HTTP server.

import { exportJWK, generateKeyPair, type CryptoKey } from "jose";
import * as oauth from "openid-client";
import { pollingProviders } from "./testing/polling-providers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getStore } from "@/lib/db/client";
import { createConsentRequest } from "@/lib/db/consent";

process.env.PGLITE_DIR = "memory://";
const BASE = "http://localhost:3000";
process.env.LDB_PUBLIC_URL = BASE;

type Handler = (req: Request) => Response | Promise<Response>;
const routes = new Map<string, Handler>();
let providers: { close: () => Promise<void> };
const providerKeys: Record<string, { alg: string; kid: string; privateKey: CryptoKey }> = {};
let reference = "";

beforeAll(async () => {
  const published: Record<string, object[]> = {};
  // lr-a signs with RS256, lr-b with ES256: the two algorithms the issue names.
  for (const [id, alg] of [
    ["lr-a", "RS256"],
    ["lr-b", "ES256"],
  ] as const) {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const kid = `${id}-key`;
    providerKeys[id] = { alg, kid, privateKey };
    published[id] = [{ ...(await exportJWK(publicKey)), kid, alg, use: "sig" }];
  }
  providers = await pollingProviders((id) => published[id]!);
  routes.set("GET /.well-known/oauth-authorization-server", (await import("@/app/.well-known/oauth-authorization-server/route")).GET);
  routes.set("POST /api/eduv/oauth2/token", (await import("@/app/api/eduv/oauth2/token/route")).POST);
  routes.set("GET /api/eduv/v1/consent/requests", (await import("@/app/api/eduv/v1/consent/requests/route")).GET);
  const { db } = await getStore();
  for (const providerId of ["lr-a", "lr-b"]) {
    const row = await createConsentRequest(db, {
      schoolId: "meridiaan-college",
      providerId,
      api: "usage-api",
      scopes: ["eduv.usage.dashboard"],
      delivery: "poll",
      send: true,
      actor: "t",
    });
    if (providerId === "lr-b") reference = row.consumerReferenceId;
  }
});
afterAll(() => providers.close());

/** openid-client's fetch, answered by the route handlers; what the client sent is kept to look at. */
const sent: Request[] = [];
const toRoutes: oauth.CustomFetch = async (url, options) => {
  const request = new Request(url, {
    method: options.method,
    headers: options.headers,
    body: options.body as BodyInit | null | undefined,
    redirect: options.redirect,
  });
  sent.push(request.clone());
  const route = routes.get(`${request.method} ${new URL(url).pathname}`);
  return route ? route(request) : new Response("not found", { status: 404 });
};

const discover = (providerId: string, key = providerKeys[providerId]!) =>
  oauth.discovery(new URL(BASE), providerId, undefined, oauth.PrivateKeyJwt({ key: key.privateKey, kid: key.kid }), {
    algorithm: "oauth2",
    execute: [oauth.allowInsecureRequests], // the test's http://localhost; production is https
    [oauth.customFetch]: toRoutes,
  });

describe("a Provider's standard OAuth2 client (openid-client 6) at the dashboard's token endpoint", () => {
  it("discovers the RFC 8414 metadata: the issuer, the token endpoint, private_key_jwt and its algorithms, the scope", async () => {
    const config = await discover("lr-b");
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(BASE);
    expect(meta.token_endpoint).toBe(`${BASE}/api/eduv/oauth2/token`);
    expect(meta.token_endpoint_auth_methods_supported).toEqual(["private_key_jwt"]);
    expect(meta.token_endpoint_auth_signing_alg_values_supported).toEqual(expect.arrayContaining(["RS256", "ES256"]));
    expect(meta.scopes_supported).toEqual(["eduv.consent"]);
  });

  it.each(["lr-a", "lr-b"])("%s gets a token and collects its own consent requests with it", async (providerId) => {
    const config = await discover(providerId);
    const token = await oauth.clientCredentialsGrant(config, { scope: "eduv.consent" });
    expect(token.token_type.toLowerCase()).toBe("bearer");
    expect(token.scope).toBe("eduv.consent");
    // The client's own assertion names our issuer identifier as its audience, as one value.
    const form = new URLSearchParams(await sent.findLast((r) => r.url.endsWith("/oauth2/token"))!.text());
    const aud = JSON.parse(Buffer.from(form.get("client_assertion")!.split(".")[1]!, "base64url").toString()).aud;
    expect(aud).toBe(BASE);
    const res = await oauth.fetchProtectedResource(config, token.access_token, new URL(`${BASE}/api/eduv/v1/consent/requests`), "GET");
    expect(res.status).toBe(200);
    const items = (await res.json()) as Array<{ consumerReferenceId: string }>;
    expect(items.length).toBe(1);
    if (providerId === "lr-b") expect(items[0]!.consumerReferenceId).toBe(reference);
  });

  it("an assertion signed with a key the Provider does not hold: the client reports invalid_client, not a challenge", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const config = await discover("lr-b", { alg: "ES256", kid: "lr-b-key", privateKey });
    const err = await oauth.clientCredentialsGrant(config, { scope: "eduv.consent" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(oauth.ResponseBodyError);
    expect((err as oauth.ResponseBodyError).error).toBe("invalid_client");
    expect((err as oauth.ResponseBodyError).status).toBe(401);
    expect((err as oauth.ResponseBodyError).response.headers.get("www-authenticate")).toBeNull();
  });
});
