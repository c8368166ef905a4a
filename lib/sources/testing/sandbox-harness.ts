import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createSandbox } from "@/sandbox/app";
import { EduvClient } from "../transport/client";
import type { SigningKey } from "../transport/signing-key";
import { parseSourcesConfig, type SourcesConfig } from "../config";
import { TokenProvider } from "../transport/token";
import { testSigningKey } from "./fixtures";

/**
 * For tests of the client against the sandbox over real HTTP (unlike sandbox/testing.ts, which
 * drives the sandbox in-process for its own tests): the sandbox fetches our JWKS from a jwks_uri,
 * checks the private_key_jwt assertion, and enforces scope, school and consent like a Source.
 */
export type SandboxHarness = {
  key: SigningKey;
  sandbox: ReturnType<typeof createSandbox>;
  base: string;
  config: SourcesConfig;
  newClient: () => { tokens: TokenProvider; client: EduvClient };
};

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

/** Starts the sandbox (bench scale) and a JWKS server for a test file, with the Sources configured as the dashboard sees them. */
export function startSandbox(): SandboxHarness {
  let jwksServer: Server;
  let sandboxServer: ServerType;
  const h = {
    newClient() {
      const tokens = new TokenProvider({ signingKey: async () => h.key, secret: (n) => (n === "LAS_B_SECRET" ? "pw" : undefined) });
      return { tokens, client: new EduvClient({ config: h.config, tokens, retryDelayMs: 1 }) };
    },
  } as SandboxHarness;
  beforeAll(async () => {
    h.key = await testSigningKey();
    jwksServer = createServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [h.key.publicJwk] })),
    );
    const jwksPort = await listen(jwksServer);
    const port = await new Promise<number>((resolve) => {
      sandboxServer = serve({ fetch: (req, env) => h.sandbox.app.fetch(req, env), port: 0, hostname: "127.0.0.1" }, (info) =>
        resolve(info.port),
      );
    });
    h.base = `http://127.0.0.1:${port}`;
    h.sandbox = createSandbox({
      publicUrl: h.base,
      scale: "bench",
      clients: [
        {
          clientId: "leermiddelendashboard",
          method: "private_key_jwt",
          jwksUri: `http://127.0.0.1:${jwksPort}/jwks.json`,
          sources: ["las-a", "las-b", "lr-a", "lr-b", "am"],
        },
        { clientId: "leermiddelendashboard-basic", method: "client_secret_basic", secret: "pw", sources: ["las-b"] },
      ],
    });
    const source = (id: string, kind: string, apis: string[], scopes: string[], schools: string[], extra: object = {}) => ({
      id,
      name: id,
      kind,
      baseUrl: `${h.base}/${id}/v1`,
      tokenEndpoint: `${h.base}/${id}/oauth2/token`,
      auth: { method: "private_key_jwt" },
      apis,
      scopes,
      schools,
      timeoutMs: 5_000,
      ...extra,
    });
    h.config = parseSourcesConfig({
      client: { clientId: "leermiddelendashboard" },
      schools: [
        { id: "regenboog", name: "OBS De Regenboog", sector: "PO", organisationMasterIdentifier: "900A101" },
        { id: "meridiaan", name: "Meridiaan College", sector: "VO", organisationMasterIdentifier: "900B201" },
        { id: "horizon", name: "SG De Horizon", sector: "VO", organisationMasterIdentifier: "900B202" },
        { id: "nergens", name: "Onbekend", sector: "PO", organisationMasterIdentifier: "999X999" },
      ],
      sources: [
        source(
          "las-a",
          "las",
          ["students", "enrollments", "assignments", "consent"],
          ["eduv.student.basic", "eduv.association", "eduv.consent"],
          ["regenboog", "nergens"],
        ),
        source(
          "las-b",
          "las",
          ["students", "enrollments", "assignments", "consent"],
          ["eduv.student.basic", "eduv.student.demographics", "eduv.association", "eduv.consent"],
          ["meridiaan", "horizon"],
        ),
        source("las-b-basic", "las", ["students"], ["eduv.student.basic"], ["meridiaan"], {
          baseUrl: `${h.base}/las-b/v1`,
          tokenEndpoint: `${h.base}/las-b/oauth2/token`,
          clientId: "leermiddelendashboard-basic",
          auth: { method: "client_secret_basic", clientSecretEnv: "LAS_B_SECRET" },
        }),
        source("lr-a", "licentieregistratie", ["usage", "consent"], ["eduv.usage.dashboard", "eduv.consent"], ["meridiaan"], {
          maxConcurrentCalls: 3,
        }),
        source(
          "lr-b",
          "licentieregistratie",
          ["usage", "consent"],
          ["eduv.usage.dashboard", "eduv.consent"],
          ["regenboog", "horizon", "meridiaan"],
          { maxConcurrentCalls: 3 },
        ),
        source("am", "aanspraakmanager", ["usage"], ["eduv.usage.dashboard"], ["meridiaan"]),
      ],
    });
  });

  afterAll(async () => {
    sandboxServer?.close();
    await new Promise((r) => jwksServer.close(r));
  });

  beforeEach(() => {
    h.sandbox.state.knobs.reset();
    h.sandbox.state.consent.reset();
  });
  return h;
}
