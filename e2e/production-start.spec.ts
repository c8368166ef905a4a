import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
// No browser here, so not the CSP fixture: these tests start the built server themselves.
import { expect, test } from "@playwright/test";

// The built server (`next start`, as a school runs it) with NODE_ENV=production and no DEMO_MODE.
// Its environment is made from scratch: nothing of the e2e run's demo settings leaks in.
let dir = "";
// Made in beforeAll, not when the file loads: Playwright also loads it just to list the tests.
test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ldb-production-"));
  writeFileSync(
    path.join(dir, "client-key.pem"),
    generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ type: "pkcs8", format: "pem" }),
  );
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const complete = () => ({
  OIDC_ISSUER: "https://login.school.example",
  OIDC_CLIENT_ID: "leermiddelendashboard",
  OIDC_CLIENT_SECRET: "not-a-demo-secret",
  AUTH_SECRET: "x".repeat(43),
  AUTH_URL: "https://dashboard.school.example",
  EDUV_SOURCES_FILE: "config/sources.demo.json",
  EDUV_CLIENT_KEY_FILE: path.join(dir, "client-key.pem"),
  ACCESS_LOG_HASH_KEY: "h".repeat(32),
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      })
      .on("error", reject);
  });
}

type Run = { code: number | null; output: string; stop: () => void; exited: Promise<number | null> };

async function start(settings: Record<string, string>, port: number): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? dir,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PGLITE_DIR: path.join(dir, `pglite-${port}`),
    LDB_CONSENT_WORKER: "0",
    ...settings,
  };
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const run: Run = {
    code: null,
    output: "",
    stop: () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    },
    exited: Promise.resolve(null),
  };
  child.stdout.on("data", (d: Buffer) => (run.output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (run.output += d.toString()));
  run.exited = new Promise((resolve) => child.on("exit", (code) => resolve((run.code = code))));
  return run;
}

const MESSAGE = (missing: string[]) =>
  `Leermiddelendashboard will not start in production: ${missing.length === 1 ? "this setting is" : "these settings are"} missing: ${missing.join(", ")}. ` +
  `Set ${missing.length === 1 ? "it" : "them"} (see .env.example and the README, "Running in production"), or set DEMO_MODE=1 for the demo.`;

for (const [label, settings, missing] of [
  [
    "nothing set",
    () => ({}),
    [
      "OIDC_ISSUER",
      "OIDC_CLIENT_ID",
      "OIDC_CLIENT_SECRET",
      "AUTH_SECRET",
      "AUTH_URL",
      "EDUV_SOURCES_FILE",
      "EDUV_CLIENT_KEY_FILE",
      "ACCESS_LOG_HASH_KEY",
    ],
  ],
  ["only AUTH_SECRET missing", () => ({ ...complete(), AUTH_SECRET: "" }), ["AUTH_SECRET"]],
  [
    "the IdP's client and the access-log key missing",
    () => ({ ...complete(), OIDC_CLIENT_ID: "", OIDC_CLIENT_SECRET: "", ACCESS_LOG_HASH_KEY: "" }),
    ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "ACCESS_LOG_HASH_KEY"],
  ],
] as const) {
  test(`next start in production refuses to run with ${label}, naming what is missing, and exits non-zero`, async () => {
    const port = await freePort();
    const run = await start(settings(), port);
    try {
      const code = await Promise.race([run.exited, new Promise<"running">((r) => setTimeout(() => r("running"), 45_000))]);
      expect(code, run.output).toBe(1);
      expect(run.output).toContain(MESSAGE([...missing]));
      // Nothing answers on the port any more.
      await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    } finally {
      run.stop();
    }
  });
}

test("with every production setting it starts, and answers with HSTS since AUTH_URL is https", async () => {
  const port = await freePort();
  const run = await start(complete(), port);
  try {
    let res: Response | undefined;
    for (let i = 0; i < 150 && run.code === null && !res; i++) {
      res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
      if (!res) await new Promise((r) => setTimeout(r, 200));
    }
    expect(res?.status, run.output).toBe(200);
    expect(res!.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    const page = await fetch(`http://127.0.0.1:${port}/inloggen`, { redirect: "manual" });
    expect(page.headers.get("content-security-policy")).toMatch(
      /; form-action 'self' https:\/\/login\.school\.example; upgrade-insecure-requests$/,
    );
    expect(run.output).not.toContain("will not start");
  } finally {
    run.stop();
    await run.exited;
  }
});
