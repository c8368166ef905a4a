import type { Context } from "hono";
import { z } from "zod";
import type { SandboxSchool } from "./data/schools";
import type { IssuedToken } from "./oauth";
import type { SandboxSource } from "./sources";
import { findSchool, type SandboxState } from "./state";

/** An Edu-V error answer: HTTP status plus functional status code (0011, 0021, 0022, 0023, 0099). */
export function statusResponse(
  c: Context,
  http: 400 | 401 | 403 | 404 | 429 | 500 | 503 | 504,
  status: number,
  statusMessage: string,
  headers: Record<string, string> = {},
) {
  return c.json({ status, statusMessage }, http, headers);
}

export const ORG_ID_TYPES = ["OIE_CODE", "BP_ID", "DD_ID", "AS_ID", "V_ID"] as const;

export const schoolRefSchema = z
  .object({
    organisationMasterIdentifier: z.string().min(1).optional(),
    organisationIds: z
      .array(z.object({ organisationId: z.string().min(1), organisationIdType: z.enum(ORG_ID_TYPES) }))
      .min(1)
      .optional(),
  })
  .refine((s) => s.organisationMasterIdentifier || s.organisationIds);

export const userRefSchema = z
  .object({
    userMasterIdentifier: z.string().min(1).optional(),
    userIds: z
      .array(z.object({ userId: z.string().min(1), userIdType: z.string().min(1) }))
      .min(1)
      .optional(),
  })
  .refine((u) => u.userMasterIdentifier || u.userIds);

type Guarded = { token: IssuedToken; school: SandboxSchool; body: Record<string, unknown> };

/** The school a SchoolReference names: by its master id, else by the first secondary id the sandbox knows. */
export function schoolOf(ref: z.output<typeof schoolRefSchema>): SandboxSchool | undefined {
  return ref.organisationMasterIdentifier
    ? findSchool({ orgMasterId: ref.organisationMasterIdentifier })
    : ref.organisationIds!.map((id) => findSchool({ orgId: id.organisationId, orgIdType: id.organisationIdType })).find(Boolean);
}

/** The first two checks, also for endpoints without a school: token (401/0099), then scope (401/0021). */
export function authorize(c: Context, state: SandboxState, source: SandboxSource, scope: string): IssuedToken | Response {
  const bearer = /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  const token = state.auth.check(source, bearer, state.knobs.get(source.id).expireTokens);
  if (!token) return statusResponse(c, 401, 99, "invalid or expired token", { "WWW-Authenticate": 'Bearer error="invalid_token"' });
  if (!token.scopes.includes(scope))
    return statusResponse(c, 401, 21, "scope required", { "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${scope}"` });
  return token;
}

/**
 * The checks every Source makes, in Edu-V's order: token (401), scope (401/0021), school
 * (400/0011 or 400/0023), consent per school and API (403/0022).
 */
export async function guard(
  c: Context,
  state: SandboxState,
  source: SandboxSource,
  need: { scope: string; api?: string; schoolIn: "query" | "body" },
): Promise<Guarded | Response> {
  const token = authorize(c, state, source, need.scope);
  if (token instanceof Response) return token;

  let school: SandboxSchool | undefined;
  let body: Record<string, unknown> = {};
  if (need.schoolIn === "query") {
    const q = c.req.query();
    const secondary = q.orgId !== undefined || q.orgIdType !== undefined;
    const valid =
      (q.orgMasterId !== undefined) !== secondary &&
      (!secondary || (q.orgId && ORG_ID_TYPES.includes(q.orgIdType as never))) &&
      !(q.orgMasterId !== undefined && q.filterByOrgId === "true") &&
      (q.filterByOrgId === undefined || ["true", "false"].includes(q.filterByOrgId));
    if (!valid) return statusResponse(c, 400, 11, "Schema incorrect");
    school = findSchool(q);
  } else {
    const parsed = z
      .object({ school: schoolRefSchema })
      .passthrough()
      .safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return statusResponse(c, 400, 11, "Schema incorrect");
    body = parsed.data;
    school = schoolOf(parsed.data.school);
  }
  if (!school || !source.schools.includes(school.orgMasterId)) return statusResponse(c, 400, 23, "edu_org_id unknown");
  if (need.api && !consentHolds(state, source, token.clientId, school.orgMasterId, need.api))
    return statusResponse(c, 403, 22, "consent required");
  return { token, school, body };
}

/** Whether the data endpoint lets the data flow: as registered, unless the consentDataDisagrees knob makes it say otherwise. */
function consentHolds(state: SandboxState, source: SandboxSource, clientId: string, orgMasterId: string, api: string) {
  const disagrees = state.knobs.get(source.id).consentDataDisagrees;
  if (disagrees !== "none") return disagrees === "delivers";
  return state.consent.has(source.id, clientId, orgMasterId, api);
}
