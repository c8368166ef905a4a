import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { serve } from "@hono/node-server";
import { createSandbox } from "./app";
import { BENCH_PUPILS, MAX_BENCH_PUPILS } from "./data/schools";
import { knobsPatchSchema } from "./knobs";
import { createIdp } from "./idp/provider";
import { defaultClients } from "./sources";

const port = Number(process.env.SANDBOX_PORT ?? 4100);
const envKnobs = process.env.SANDBOX_KNOBS ? knobsPatchSchema.parse(JSON.parse(process.env.SANDBOX_KNOBS)) : {};
// In the demo the Sources that get consent requests answer them by themselves, so the dashboard's cycle completes; SANDBOX_KNOBS wins.
const autoConfirm = { consentDecision: "confirm", consentDecisionDelayMs: 1500 } as const;
// Both also report the consent they held before the dashboard asked (issue 24: consent the Provider holds).
const knobs = {
  ...envKnobs,
  "las-b": { ...autoConfirm, reportHeldConsent: true, ...envKnobs["las-b"] },
  "lr-b": { ...autoConfirm, reportHeldConsent: true, ...envKnobs["lr-b"] },
  // lr-a answers by itself too, and pushes its answer (below); it does not report the consent it held before.
  "lr-a": { ...autoConfirm, ...envKnobs["lr-a"] },
};
const scale = process.env.SANDBOX_SCALE === "bench" ? "bench" : "demo";
// With SANDBOX_SCALE=bench: how many pupils the bench school (Meridiaan College) has; 3,000 unless set (bench/scroll.ts: 10,000).
const benchPupils = process.env.SANDBOX_BENCH_PUPILS ? Number(process.env.SANDBOX_BENCH_PUPILS) : BENCH_PUPILS;
if (!Number.isInteger(benchPupils) || benchPupils < 1 || benchPupils > MAX_BENCH_PUPILS)
  throw new Error(`SANDBOX_BENCH_PUPILS must be a whole number from 1 to ${MAX_BENCH_PUPILS}`);
// lr-b has no push: it collects the dashboard's consent requests from GET /consent/requests. lr-a pushes
// what became of the dashboard's consent there to its PUT /consent/notifications (issue 24).
const consumerBase = (process.env.SANDBOX_CONSUMER_URL ?? "http://localhost:3000").replace(/\/+$/, "");

const { app, pollers, notifiers } = createSandbox({
  publicUrl: process.env.SANDBOX_PUBLIC_URL ?? `http://localhost:${port}`,
  seed: process.env.SANDBOX_SEED,
  scale,
  benchPupils,
  knobs,
  clients: defaultClients({
    jwksUri: process.env.SANDBOX_CLIENT_JWKS_URI ?? "http://localhost:3000/.well-known/jwks.json",
    basicSecret: process.env.SANDBOX_BASIC_SECRET ?? "demo-secret-las-b",
  }),
  consumers: [
    {
      sourceId: "lr-b",
      clientId: "lr-b",
      consumerClientId: "leermiddelendashboard",
      tokenUrl: `${consumerBase}/api/eduv/oauth2/token`,
      requestsUrl: `${consumerBase}/api/eduv/v1/consent/requests`,
      intervalMs: Number(process.env.SANDBOX_CONSENT_POLL_MS ?? 2000),
    },
  ],
  notifiers: [
    {
      sourceId: "lr-a",
      clientId: "lr-a",
      // The dashboard's client at lr-a (config/sources.demo.json).
      consumerClientId: "leermiddelendashboard",
      tokenUrl: `${consumerBase}/api/eduv/oauth2/token`,
      notificationsUrl: `${consumerBase}/api/eduv/v1/consent/notifications`,
    },
  ],
});

// With SANDBOX_LOG_FILE the log lines also go to that file, started anew (the privacy canary e2e scans them).
const logFile = process.env.SANDBOX_LOG_FILE;
if (logFile) {
  mkdirSync(path.dirname(path.resolve(logFile)), { recursive: true });
  writeFileSync(logFile, "");
}
function log(line: string) {
  console.log(line);
  if (logFile) appendFileSync(logFile, `${line}\n`);
}

// One line per request: method, path without query, status, time. Never bodies, tokens or identifiers.
serve(
  {
    port,
    fetch: async (req, env) => {
      const started = performance.now();
      const res = await app.fetch(req, env);
      log(`${req.method} ${new URL(req.url).pathname} ${res.status} ${Math.round(performance.now() - started)}ms`);
      return res;
    },
  },
  () => {
    log(`Edu-V sandbox (scale ${scale}) listening on http://localhost:${port}`);
    for (const p of pollers.pollers)
      log(`${p.link.sourceId} polls ${p.link.requestsUrl} for consent requests every ${p.link.intervalMs} ms`);
    for (const n of notifiers.notifiers) log(`${n.link.sourceId} pushes consent changes to ${n.link.notificationsUrl}`);
  },
);

// The staff sign-in of the demo: an OpenID Connect provider with the demo accounts of idp/accounts.ts.
const idpPort = Number(process.env.SANDBOX_IDP_PORT ?? 4010);
const idp = createIdp({
  issuer: process.env.SANDBOX_IDP_ISSUER ?? `http://localhost:${idpPort}`,
  appUrl: process.env.SANDBOX_APP_URL ?? "http://localhost:3000",
});
createServer((req, res) => void idp(req, res)).listen(idpPort, () =>
  console.log(`Demo OpenID Connect provider listening on http://localhost:${idpPort}`),
);
