import { generateKeyPairSync } from "node:crypto";
import { signingKeyFromPem, type SigningKey } from "../transport/signing-key";
import { parseSourcesConfig, type SourcesConfig } from "../config";

/** A fresh RSA key for one test file: tests never touch the demo key in .data/. */
export function testSigningKey(): Promise<SigningKey> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return signingKeyFromPem(privateKey.export({ type: "pkcs8", format: "pem" }).toString());
}

/** A sources config with one Source of each auth method, pointing at `base`. */
export function testConfig(
  base = "http://localhost:9",
  overrides: { timeoutMs?: number; maxConcurrentCalls?: number; maxAnswerBytes?: number } = {},
): SourcesConfig {
  return parseSourcesConfig({
    client: { clientId: "leermiddelendashboard" },
    schools: [{ id: "obs", name: "OBS Test", sector: "PO", organisationMasterIdentifier: "900A101" }],
    sources: [
      {
        id: "las",
        name: "LAS",
        kind: "las",
        baseUrl: `${base}/las/v1`,
        tokenEndpoint: `${base}/las/oauth2/token`,
        auth: { method: "private_key_jwt" },
        scopes: ["eduv.student.basic", "eduv.student.demographics", "eduv.association", "eduv.consent"],
        apis: ["students", "enrollments", "assignments", "consent"],
        schools: ["obs"],
        ...overrides,
      },
      {
        id: "lr",
        name: "LR",
        kind: "licentieregistratie",
        baseUrl: `${base}/lr/v1`,
        tokenEndpoint: `${base}/lr/oauth2/token`,
        clientId: "dashboard-basic",
        auth: { method: "client_secret_basic", clientSecretEnv: "TEST_LR_SECRET" },
        scopes: ["eduv.usage.dashboard"],
        apis: ["usage"],
        schools: ["obs"],
        ...overrides,
      },
    ],
  });
}

type Handler = (req: Request) => Response | Promise<Response>;

/** A fetch that answers from handlers keyed by "METHOD pathname" and records every request. */
export function fakeFetch(routes: Record<string, Handler>) {
  const calls: Request[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    calls.push(req.clone());
    const handler = routes[`${req.method} ${new URL(req.url).pathname}`];
    if (!handler) throw new TypeError(`fetch failed: no route for ${req.method} ${new URL(req.url).pathname}`);
    return handler(req);
  }) as typeof fetch;
  return { fetch: impl, calls };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection<E = import("../errors").SourceError>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (err) {
    return err as E;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
