// The client under test against a fake Source (client.test.ts and client-resilience.test.ts): two
// Sources' token endpoints answered, the routes a test gives, retries without waiting.
import { EduvClient } from "../transport/client";
import { TokenProvider } from "../transport/token";
import type { SourceGates } from "../capacity/source-gates";
import type { SigningKey } from "../transport/signing-key";
import { fakeFetch, json, testConfig, testSigningKey } from "./fixtures";

let key: Promise<SigningKey> | undefined;

export const ECK = `https://ketenid.nl/201703/${"ab".repeat(64)}`;
export const student = { userMasterIdentifier: ECK, givenName: "Sem", familyName: "Vries", familyNamePrefix: "de" };

export function setup(
  routes: Parameters<typeof fakeFetch>[0],
  opts: { timeoutMs?: number; breakerThreshold?: number; maxConcurrentCalls?: number; gates?: SourceGates } = {},
) {
  let n = 0;
  const fake = fakeFetch({
    "POST /las/oauth2/token": () =>
      json({ access_token: `t${++n}`, token_type: "Bearer", expires_in: 300, scope: "eduv.student.basic eduv.association eduv.consent" }),
    "POST /lr/oauth2/token": () => json({ access_token: `u${++n}`, token_type: "Bearer", expires_in: 300 }),
    ...routes,
  });
  const config = testConfig("http://localhost:9", {
    timeoutMs: opts.timeoutMs ?? 2_000,
    ...(opts.maxConcurrentCalls ? { maxConcurrentCalls: opts.maxConcurrentCalls } : {}),
  });
  const tokens = new TokenProvider({ signingKey: () => (key ??= testSigningKey()), fetch: fake.fetch, secret: () => "pw" });
  const client = new EduvClient({
    config,
    tokens,
    fetch: fake.fetch,
    retryDelayMs: 1,
    breakerThreshold: opts.breakerThreshold ?? 50,
    gates: opts.gates,
  });
  const apiCalls = () => fake.calls.filter((c) => !c.url.includes("/oauth2/"));
  return { client, calls: fake.calls, apiCalls };
}
