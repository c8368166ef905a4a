import type { Context, Hono } from "hono";
import { z } from "zod";
import { send } from "./api";
import { CONSENT_APIS, consentRequestSchema } from "./consent";
import { minimalStatuses, statusBody, type StatusFilter } from "./consent-status";
import { authorize, guard, ORG_ID_TYPES, statusResponse } from "./guard";
import { registerRevokes } from "./revokes";
import { sourceById, type SandboxSource } from "./sources";
import { findSchool, type SandboxState } from "./state";

const statusesQuerySchema = z.strictObject({
  api: z.enum(CONSENT_APIS).optional(),
  since: z.iso.datetime({ offset: false, local: false }).optional(),
});

/** The school by orgMasterId, or by orgId with orgIdType: one way, never both or half of the second. */
const schoolStatusesQuerySchema = statusesQuerySchema
  .extend({
    orgMasterId: z.string().min(1).optional(),
    orgId: z.string().min(1).optional(),
    orgIdType: z.enum(ORG_ID_TYPES).optional(),
    providerReferenceId: z.string().min(1).optional(),
    consumerReferenceId: z.string().min(1).optional(),
  })
  .refine((q) => (q.orgMasterId ? !q.orgId && !q.orgIdType : Boolean(q.orgId && q.orgIdType)));

/** A query read strictly, as the statuses endpoints do: a parameter repeated, unknown or malformed is 400/0011. */
function strictQuery<T>(c: Context, schema: z.ZodType<T>): T | undefined {
  const repeated = Object.values(c.req.queries()).some((values) => values.length > 1);
  const q = schema.safeParse(c.req.query());
  return repeated || !q.success ? undefined : q.data;
}

/** The calling client's statuses at this Source, shaped and completed by the Source's knobs (consentStatusShape, reportHeldConsent). */
function answerStatuses(c: Context, state: SandboxState, s: SandboxSource, clientId: string, filter: StatusFilter) {
  const knobs = state.knobs.get(s.id);
  const records = state.consent.statuses(s.id, clientId, filter, { held: knobs.reportHeldConsent });
  const body = knobs.consentStatusShape === "minimal" ? minimalStatuses(records) : records.map(statusBody);
  return send(c, state, s, "consent-statuses", s.apiVersion.consent!, JSON.stringify(body), undefined, {
    records: body.length,
    varied: 0,
    invalid: 0,
    hits: [],
  });
}

/** The Consent API a Data Provider offers (profile "Consent API Bron"); the Aanspraakmanager offers none of it. */
export function registerConsentApi(app: Hono, state: SandboxState) {
  const source = (c: Context) => {
    const s = sourceById(c.req.param("source") ?? "");
    return s && s.kind !== "aanspraakmanager" ? s : undefined;
  };

  app.put("/:source/v1/consent/requests", async (c) => {
    const s = source(c);
    if (!s) return c.notFound();
    const g = await guard(c, state, s, { scope: "eduv.consent", schoolIn: "body" });
    if (g instanceof Response) return g;
    const parsed = consentRequestSchema.safeParse(g.body);
    if (!parsed.success) return statusResponse(c, 400, 11, "Schema incorrect");
    const { consumerReferenceId, api, scopes } = parsed.data;
    // Idempotent per consumerReferenceId: the same request again is fine, another request under the same id is not.
    const outcome = state.receiveConsentRequest({
      consumerReferenceId,
      sourceId: s.id,
      clientId: g.token.clientId,
      orgMasterId: g.school.orgMasterId,
      school: g.body.school as Record<string, unknown>,
      api,
      scopes,
    });
    if (outcome === "conflict") return statusResponse(c, 400, 11, "Schema incorrect");
    return c.body(null, 202, { "API-Version": s.apiVersion.consent! });
  });

  // What became of the calling client's requests at this Source; the dashboard polls it with `since`.
  app.get("/:source/v1/consent/statuses", (c) => {
    const s = source(c);
    if (!s) return c.notFound();
    const token = authorize(c, state, s, "eduv.consent");
    if (token instanceof Response) return token;
    const q = strictQuery(c, statusesQuerySchema);
    if (!q) return statusResponse(c, 400, 11, "Schema incorrect");
    return answerStatuses(c, state, s, token.clientId, { api: q.api, since: q.since ? new Date(q.since) : undefined });
  });

  // The same for one school (ERRATA 41); a school this Source does not serve is 0023, as the data endpoints answer it.
  app.get("/:source/v1/consent/statuses/school", (c) => {
    const s = source(c);
    if (!s) return c.notFound();
    const token = authorize(c, state, s, "eduv.consent");
    if (token instanceof Response) return token;
    const q = strictQuery(c, schoolStatusesQuerySchema);
    if (!q) return statusResponse(c, 400, 11, "Schema incorrect");
    const school = findSchool(q);
    if (!school || !s.schools.includes(school.orgMasterId)) return statusResponse(c, 400, 23, "edu_org_id unknown");
    return answerStatuses(c, state, s, token.clientId, {
      orgMasterId: school.orgMasterId,
      api: q.api,
      since: q.since ? new Date(q.since) : undefined,
      providerReferenceId: q.providerReferenceId,
      consumerReferenceId: q.consumerReferenceId,
    });
  });

  registerRevokes(app, state, source);
}
