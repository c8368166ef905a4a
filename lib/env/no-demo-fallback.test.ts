import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// Every module that used to make up a demo value when a setting was missing, run in a fresh folder
// (no .data/) as a production server and as the demo. Fresh module instances per test: some keep
// what they read for the life of the process.
const SETTINGS = [
  "OIDC_ISSUER",
  "OIDC_CLIENT_ID",
  "OIDC_CLIENT_SECRET",
  "AUTH_SECRET",
  "AUTH_URL",
  "EDUV_SOURCES_FILE",
  "EDUV_CLIENT_KEY_FILE",
  "ACCESS_LOG_HASH_KEY",
  "DEMO_MODE",
];
const cwd = process.cwd();
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ldb-fallback-"));
  process.chdir(dir);
  vi.resetModules();
  for (const name of SETTINGS) vi.stubEnv(name, undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

describe("a production server (NODE_ENV=production, no DEMO_MODE)", () => {
  beforeEach(() => {
    vi.stubEnv("NODE_ENV", "production");
  });

  it("generates no AUTH secret, signing key or access-log hash key, and writes nothing", async () => {
    const { secretFromEnvOrDemo } = await import("@/lib/auth/secrets");
    const { getSigningKey } = await import("@/lib/sources/transport/signing-key");
    const { personHash } = await import("@/lib/privacy/person-hash");
    expect(() => secretFromEnvOrDemo("AUTH_SECRET", "auth-secret")).toThrow("AUTH_SECRET is not set");
    await expect(getSigningKey()).rejects.toThrow("EDUV_CLIENT_KEY_FILE is not set");
    expect(() => personHash("x")).toThrow("ACCESS_LOG_HASH_KEY is not set");
    expect(existsSync(".data")).toBe(false);
  });

  it("takes neither the demo IdP nor the demo sources file", async () => {
    const { authSettings } = await import("@/lib/auth/settings");
    const { sourcesFilePath } = await import("@/lib/sources/config");
    vi.stubEnv("AUTH_URL", "https://dashboard.school.example");
    vi.stubEnv("OIDC_ISSUER", "https://login.school.example");
    vi.stubEnv("OIDC_CLIENT_ID", "ldb");
    expect(() => authSettings()).toThrow("OIDC_CLIENT_SECRET is not set");
    vi.stubEnv("OIDC_CLIENT_SECRET", "s3cret");
    expect(authSettings()).toMatchObject({
      issuer: "https://login.school.example",
      clientId: "ldb",
      clientSecret: "s3cret",
      sessionCookie: "__Host-ldb.session",
    });
    expect(() => sourcesFilePath()).toThrow("EDUV_SOURCES_FILE is not set");
  });

  it("uses the configured signing key, also after a first read failed (a failure is not kept)", async () => {
    const { getSigningKey } = await import("@/lib/sources/transport/signing-key");
    vi.stubEnv("EDUV_CLIENT_KEY_FILE", path.join(dir, "client-key.pem"));
    await expect(getSigningKey()).rejects.toMatchObject({ code: "ENOENT" });
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    writeFileSync(path.join(dir, "client-key.pem"), privateKey.export({ type: "pkcs8", format: "pem" }));
    expect((await getSigningKey()).alg).toBe("ES256");
  });
});

describe("the demo (DEMO_MODE=1 under next start) on a fresh clone", () => {
  beforeEach(() => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "1");
  });

  it("makes .data/keys/ with its parents and keeps the same secret and keys across reads", async () => {
    const { secretFromEnvOrDemo } = await import("@/lib/auth/secrets");
    const { getPublicJwks } = await import("@/lib/sources/transport/signing-key");
    const { personHash } = await import("@/lib/privacy/person-hash");
    const secret = secretFromEnvOrDemo("AUTH_SECRET", "auth-secret");
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secretFromEnvOrDemo("AUTH_SECRET", "auth-secret")).toBe(secret);
    const jwks = await getPublicJwks();
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(personHash("a")).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(".data/keys").sort()).toEqual(["access-log-hash.key", "auth-secret", "eduv-client-key.pem"]);

    vi.resetModules();
    const again = await import("@/lib/sources/transport/signing-key");
    expect((await again.getPublicJwks()).keys[0]!.kid).toBe(jwks.keys[0]!.kid);
  });
});
