import { Hono } from "hono";
import { z } from "zod";
import { registerApi } from "./api";
import { registerConsentApi } from "./consent-api";
import { createProviderKeys } from "./consumer-token";
import { CANARY_TOKEN } from "./data/canary";
import { SCHOOLS } from "./data/schools";
import { faults, loopbackOnly } from "./faults";
import { knobsPatchSchema } from "./knobs";
import { createNotifiers, type Notifiers } from "./notifier";
import { createPollers, type Pollers } from "./poller";
import { SOURCES, sourceById } from "./sources";
import { createState, type SandboxOptions, type SandboxState } from "./state";
import { statusVariance } from "./variance";

export type { SandboxOptions } from "./state";

/**
 * The sandbox: five Edu-V Sources, each its own OAuth2 authorization server, on one Hono app. With
 * `consumers`, those Sources poll the consumers for consent requests until `pollers.stop()`; with
 * `notifiers`, they push every change of a consumer's registrations to it.
 */
export function createSandbox(opts: SandboxOptions = {}): { app: Hono; state: SandboxState; pollers: Pollers; notifiers: Notifiers } {
  const state = createState(opts);
  // One key per Source that calls a consumer, whether it polls, pushes or both.
  const keys = createProviderKeys([...(opts.consumers ?? []), ...(opts.notifiers ?? [])].map((l) => l.sourceId));
  const pollers = createPollers(state, opts.consumers ?? [], keys);
  const notifiers = createNotifiers(state, opts.notifiers ?? [], keys);
  const app = new Hono();

  app.get("/", (c) =>
    c.json({
      sources: SOURCES.map((s) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        basePath: `/${s.id}/v1`,
        tokenEndpoint: `/${s.id}/oauth2/token`,
        schools: s.schools,
      })),
      schools: SCHOOLS.map((s) => ({ orgMasterId: s.orgMasterId, name: s.name, sector: s.sector })),
    }),
  );

  app.get("/:source/.well-known/oauth-authorization-server", (c) => {
    const s = sourceById(c.req.param("source") ?? "");
    if (!s) return c.notFound();
    return c.json({
      issuer: state.auth.issuer(s),
      token_endpoint: state.auth.tokenEndpoint(s),
      grant_types_supported: ["client_credentials"],
      token_endpoint_auth_methods_supported: ["private_key_jwt", "client_secret_basic"],
      token_endpoint_auth_signing_alg_values_supported: ["RS256", "PS256", "ES256"],
      scopes_supported: s.allowedScopes,
    });
  });

  // The public key a polling or notifying Source signs its client assertions with, for the consumer it calls.
  app.get("/:source/.well-known/jwks.json", async (c) => {
    const jwks = await keys.jwks(c.req.param("source") ?? "");
    return jwks ? c.json(jwks) : c.notFound();
  });

  app.post("/:source/oauth2/token", faults(state, "token"), async (c) => {
    const s = sourceById(c.req.param("source") ?? "");
    if (!s) return c.notFound();
    const form = new URLSearchParams(await c.req.text());
    const result = await state.auth.token(s, form, c.req.header("authorization"), state.knobs.get(s.id).tokenTtlSeconds);
    const noStore = { "Cache-Control": "no-store" };
    if ("error" in result) {
      const headers = result.status === 401 ? { ...noStore, "WWW-Authenticate": 'Basic realm="token"' } : noStore;
      return c.json({ error: result.error, error_description: result.description }, result.status, headers);
    }
    return c.json(result, 200, noStore);
  });

  // Calls per Source and how many ran at once (the bench and the browser tests check the dashboard's limits and cancellation).
  // The Consent API's calls (the dashboard's worker polls statuses in the background) are counted apart,
  // so `calls` and `maxInFlight` say what a page, a fan-out or a cancellation did.
  const stats = new Map<string, { calls: number; inFlight: number; maxInFlight: number; consentCalls: number }>();
  app.use("/:source/v1/*", async (c, next) => {
    const id = c.req.param("source") ?? "";
    const s = stats.get(id) ?? { calls: 0, inFlight: 0, maxInFlight: 0, consentCalls: 0 };
    stats.set(id, s);
    if (c.req.path.startsWith(`/${id}/v1/consent/`)) {
      s.consentCalls++;
      return next();
    }
    s.calls++;
    s.maxInFlight = Math.max(s.maxInFlight, ++s.inFlight);
    try {
      await next();
    } finally {
      s.inFlight--;
    }
  });
  app.use("/:source/v1/*", statusVariance(state));
  app.use("/:source/v1/*", faults(state, "api"));
  registerApi(app, state);
  registerConsentApi(app, state);

  app.use("/_admin/*", loopbackOnly());
  app.get("/_admin/knobs", (c) => c.json(state.knobs.all()));
  app.put("/_admin/knobs", async (c) => {
    const parsed = knobsPatchSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: z.prettifyError(parsed.error) }, 400);
    for (const [id, patch] of Object.entries(parsed.data)) {
      if (!sourceById(id)) return c.json({ error: `unknown source ${id}` }, 400);
      state.knobs.set(id, patch);
    }
    return c.json(state.knobs.all());
  });
  app.get("/_admin/stats", (c) => c.json(Object.fromEntries(stats)));
  app.get("/_admin/variance", (c) => c.json(state.variance.report()));
  app.post("/_admin/reset", (c) => {
    stats.clear();
    state.variance.reset();
    state.knobs.reset();
    state.consent.reset();
    state.auth.reset();
    state.setScale();
    state.setCanary();
    pollers.reset();
    notifiers.reset();
    return c.json({ reset: true });
  });
  // Canaries for the privacy tests: a few pupils and employees of each school get marker names and
  // identifiers holding the token (data/canary.ts) until DELETE or reset.
  app.put("/_admin/canary", async (c) => {
    const body = z.object({ token: z.string().regex(CANARY_TOKEN) }).safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return c.json({ error: 'expected {"token": 6 to 16 lower-case letters and digits}' }, 400);
    return c.json({ token: body.data.token, schools: state.setCanary(body.data.token) });
  });
  app.delete("/_admin/canary", (c) => {
    state.setCanary();
    return c.json({ token: null });
  });
  // The bench's 3,000 pupils and 45,000 enrollments at 900B201, for browser tests at school scale.
  app.put("/_admin/scale", async (c) => {
    const body = z.object({ scale: z.enum(["demo", "bench"]) }).safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return c.json({ error: 'expected {"scale": "demo" | "bench"}' }, 400);
    state.setScale(body.data.scale);
    return c.json({ scale: state.scale });
  });
  app.get("/_admin/consent", (c) => c.json(state.consent.list()));
  app.put("/_admin/consent", async (c) => {
    const body = z
      .union([
        z.object({ approveRequest: z.string().min(1) }),
        z.object({ decide: z.string().min(1), decision: z.enum(["confirm", "refuse"]) }),
        z.object({ revoke: z.string().min(1) }),
        z.object({
          sourceId: z.string(),
          clientId: z.string().default("leermiddelendashboard"),
          orgMasterId: z.string(),
          api: z.string(),
          granted: z.boolean(),
        }),
      ])
      .safeParse(await c.req.json().catch(() => undefined));
    if (!body.success)
      return c.json(
        { error: "expected {approveRequest}, {decide, decision: confirm|refuse}, {revoke} or {sourceId, orgMasterId, api, granted}" },
        400,
      );
    const d = body.data;
    if ("sourceId" in d) {
      state.consent.set(d.sourceId, d.clientId, d.orgMasterId, d.api, d.granted);
      return c.json(state.consent.list());
    }
    const id = "approveRequest" in d ? d.approveRequest : "decide" in d ? d.decide : d.revoke;
    const changed = "revoke" in d ? state.consent.revoke(id) : state.consent.decide(id, "decision" in d ? d.decision : "confirm");
    if (changed) return c.json(state.consent.list());
    const known = state.consent.get(id);
    return c.json({ error: known ? `request ${id} is ${known.status}` : `no such request ${id}` }, 404);
  });
  app.get("/_admin/pollers", (c) => c.json(pollers.stats()));
  // What the notifying Sources pushed: sent, failed (given up after the retries), retries, pending, lastError.
  app.get("/_admin/notifiers", (c) => c.json(notifiers.stats()));

  app.onError((_err, c) => c.json({ status: 99, statusMessage: "internal sandbox error" }, 500));
  if (opts.consumers?.length) pollers.start();
  return { app, state, pollers, notifiers };
}
