import { createLocalJWKSet, decodeJwt, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { SourceError } from "../errors";
import type { SigningKey } from "./signing-key";
import { fakeFetch, json, testConfig, testSigningKey } from "../testing/fixtures";
import { TokenProvider } from "./token";

let key: SigningKey;
beforeAll(async () => {
  key = await testSigningKey();
});

const config = testConfig();
const las = config.sources[0]!;
const lr = config.sources[1]!;

function provider(routes: Parameters<typeof fakeFetch>[0], now = () => Date.now()) {
  const fake = fakeFetch(routes);
  const tokens = new TokenProvider({
    signingKey: async () => key,
    fetch: fake.fetch,
    now,
    secret: (n) => (n === "TEST_LR_SECRET" ? "s3cr:et" : undefined),
  });
  return { tokens, calls: fake.calls };
}

let issued = 0;
const tokenRoute =
  (scope?: string, expiresIn = 300) =>
  async (req: Request) => {
    const form = new URLSearchParams(await req.text());
    return json({ access_token: `tok-${++issued}`, token_type: "Bearer", expires_in: expiresIn, scope: scope ?? form.get("scope") ?? "" });
  };

describe("private_key_jwt client authentication (RFC 7523)", () => {
  it("sends a client assertion signed with the dashboard key, for this Source's token endpoint", async () => {
    const { tokens, calls } = provider({ "POST /las/oauth2/token": tokenRoute() });
    await tokens.getToken(las, ["eduv.student.basic"]);
    const form = new URLSearchParams(await calls[0]!.text());
    expect(form.get("grant_type")).toBe("client_credentials");
    expect(form.get("client_assertion_type")).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    expect(form.get("scope")).toBe("eduv.student.basic");
    const jwks = createLocalJWKSet({ keys: [key.publicJwk] });
    const { payload, protectedHeader } = await jwtVerify(form.get("client_assertion")!, jwks, {
      issuer: "leermiddelendashboard",
      subject: "leermiddelendashboard",
      audience: las.tokenEndpoint,
    });
    expect(protectedHeader).toMatchObject({ alg: "RS256", kid: key.kid, typ: "JWT" });
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(300);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls[0]!.headers.get("authorization")).toBeNull();
  });

  it("uses a fresh jti for every assertion", async () => {
    const { tokens, calls } = provider({ "POST /las/oauth2/token": tokenRoute() });
    await tokens.getToken(las, ["eduv.student.basic"]);
    await tokens.getToken(las, ["eduv.association"]);
    const jtis = await Promise.all(calls.map(async (c) => decodeJwt(new URLSearchParams(await c.text()).get("client_assertion")!).jti));
    expect(new Set(jtis).size).toBe(2);
  });
});

describe("client_secret_basic fallback", () => {
  it("sends form-urlencoded id and secret in the Authorization header and no assertion", async () => {
    const { tokens, calls } = provider({ "POST /lr/oauth2/token": tokenRoute() });
    await tokens.getToken(lr, ["eduv.usage.dashboard"]);
    const auth = calls[0]!.headers.get("authorization")!;
    expect(Buffer.from(auth.replace(/^Basic /, ""), "base64").toString()).toBe("dashboard-basic:s3cr%3Aet");
    expect(new URLSearchParams(await calls[0]!.text()).get("client_assertion")).toBeNull();
  });

  it("refuses to call when the secret's environment variable is not set", async () => {
    const { tokens, calls } = provider({});
    const other = { ...lr, auth: { method: "client_secret_basic" as const, clientSecretEnv: "NOT_SET_ANYWHERE" } };
    await expect(tokens.getToken(other, ["eduv.usage.dashboard"])).rejects.toMatchObject({ kind: "not_configured" });
    expect(calls).toHaveLength(0);
  });
});

describe("token cache", () => {
  it("shares one request between concurrent callers of the same (Source, client, scope set)", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { tokens, calls } = provider({
      "POST /las/oauth2/token": async (req) => {
        await gate;
        return tokenRoute()(req);
      },
    });
    const waiting = Array.from({ length: 10 }, () => tokens.getToken(las, ["eduv.association", "eduv.student.basic"]));
    release();
    const got = await Promise.all(waiting);
    expect(calls).toHaveLength(1);
    expect(new Set(got.map((t) => t.value)).size).toBe(1);
  });

  it("never hands a token for one scope set to a caller asking another (different key, separate request)", async () => {
    const { tokens, calls } = provider({ "POST /las/oauth2/token": tokenRoute() });
    const [a, b] = await Promise.all([tokens.getToken(las, ["eduv.student.basic"]), tokens.getToken(las, ["eduv.association"])]);
    expect(calls).toHaveLength(2);
    expect(a.value).not.toBe(b.value);
    expect(a.scopes).toEqual(["eduv.student.basic"]);
    expect(b.scopes).toEqual(["eduv.association"]);
  });

  it("treats the same scopes in another order as the same key", async () => {
    const { tokens, calls } = provider({ "POST /las/oauth2/token": tokenRoute() });
    await tokens.getToken(las, ["eduv.association", "eduv.student.basic"]);
    await tokens.getToken(las, ["eduv.student.basic", "eduv.association"]);
    expect(calls).toHaveLength(1);
  });

  it("renews a token 30 s before it expires, not after", async () => {
    let clock = 1_000_000;
    const { tokens, calls } = provider({ "POST /las/oauth2/token": tokenRoute(undefined, 300) }, () => clock);
    await tokens.getToken(las, ["eduv.association"]);
    clock += 269_000;
    await tokens.getToken(las, ["eduv.association"]);
    expect(calls).toHaveLength(1);
    clock += 2_000; // 271 s: inside the 30 s margin
    await tokens.getToken(las, ["eduv.association"]);
    expect(calls).toHaveLength(2);
  });

  it("reports the scopes the Source granted, which may be fewer than asked", async () => {
    const { tokens } = provider({ "POST /las/oauth2/token": tokenRoute("eduv.student.basic") });
    const token = await tokens.getToken(las, ["eduv.student.basic", "eduv.student.demographics"]);
    expect(token.scopes).toEqual(["eduv.student.basic"]);
  });

  it("does not cache a failure: the next call asks again", async () => {
    let fail = true;
    const { tokens, calls } = provider({
      "POST /las/oauth2/token": (req) => (fail ? json({ error: "temporarily_unavailable" }, 503) : tokenRoute()(req)),
    });
    await expect(tokens.getToken(las, ["eduv.association"])).rejects.toMatchObject({ kind: "token_unavailable" });
    fail = false;
    await expect(tokens.getToken(las, ["eduv.association"])).resolves.toMatchObject({ value: expect.stringMatching(/^tok-/) });
    expect(calls).toHaveLength(2);
  });
});

describe("token endpoint failures become typed errors", () => {
  it.each([
    ["invalid_client", () => json({ error: "invalid_client" }, 401), "token_refused", "invalid_client"],
    ["invalid_scope", () => json({ error: "invalid_scope" }, 400), "token_refused", "invalid_scope"],
    ["a 200 without access_token", () => json({ token_type: "Bearer" }), "invalid_answer", "token answer"],
    ["an HTML error page", () => new Response("<html>oops</html>", { status: 502 }), "token_unavailable", "token endpoint"],
  ])("%s", async (_label, answer, kind, detail) => {
    const { tokens } = provider({ "POST /las/oauth2/token": answer });
    const err = await tokens.getToken(las, ["eduv.association"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ kind, detail, sourceId: "las" });
  });

  it("an unreachable token endpoint is 'unreachable'", async () => {
    const { tokens } = provider({});
    await expect(tokens.getToken(las, ["eduv.association"])).rejects.toMatchObject({ kind: "unreachable" });
  });
});

describe("token answers are read with a cap", () => {
  it("a token answer over min(maxAnswerBytes, 1 MiB) is too_large and its stream is cancelled", async () => {
    let cancelled = false;
    const endless = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
          },
          cancel() {
            cancelled = true;
          },
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    const { tokens } = provider({ "POST /las/oauth2/token": endless });
    await expect(tokens.getToken(las, ["eduv.association"])).rejects.toMatchObject({
      kind: "too_large",
      detail: "token answer over 1048576 bytes",
    });
    expect(cancelled).toBe(true);
    const small = { ...las, maxAnswerBytes: 2048 };
    const padded = () => new Response(JSON.stringify({ access_token: "t", token_type: "Bearer", pad: "x".repeat(4096) }), { status: 200 });
    await expect(provider({ "POST /las/oauth2/token": padded }).tokens.getToken(small, ["eduv.association"])).rejects.toMatchObject({
      kind: "too_large",
      detail: "token answer over 2048 bytes",
    });
  });

  it("an oversized error answer is left unread; the status still decides", async () => {
    const { tokens } = provider({ "POST /las/oauth2/token": () => json({ error: "invalid_client", pad: "x".repeat(100_000) }, 401) });
    await expect(tokens.getToken(las, ["eduv.association"])).rejects.toMatchObject({ kind: "token_refused", detail: "token endpoint" });
  });

  it("a 429 from the token endpoint is busy with its retryAt, not a refusal", async () => {
    const { tokens } = provider({ "POST /las/oauth2/token": () => json({ error: "slow_down" }, 429, { "retry-after": "30" }) });
    const err = (await tokens.getToken(las, ["eduv.association"]).catch((e: unknown) => e)) as SourceError;
    expect(err).toMatchObject({ kind: "busy", httpStatus: 429, detail: "slow_down" });
    expect(Date.parse(err.retryAt!) - Date.now()).toBeGreaterThan(28_000);
  });
});
