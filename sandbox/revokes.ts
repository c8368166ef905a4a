import type { Context, Hono } from "hono";
import { z } from "zod";
import { CONSENT_APIS, type ConsentRecord, type ConsentRegistry } from "./consent";
import { guard, schoolRefSchema, statusResponse } from "./guard";
import type { SandboxSource } from "./sources";
import type { SandboxState } from "./state";

/** A ConsentRevoke (ERRATA 42): the registration named by at least one of the two references. */
export const consentRevokeSchema = z
  .object({
    consumerReferenceId: z.string().min(1).optional(),
    providerReferenceId: z.string().min(1).optional(),
    school: schoolRefSchema,
    api: z.enum(CONSENT_APIS),
    scopes: z.array(z.string()).optional(),
    providerStatus: z.literal("revoked"),
  })
  .refine((r) => r.consumerReferenceId !== undefined || r.providerReferenceId !== undefined);

type Revoke = z.output<typeof consentRevokeSchema>;
type Unknown = { status: 1001 | 1003; message: string };

/**
 * The calling client's registration at this Source that a revoke names. A consumerReferenceId must
 * be one of this client's requests here (else 1003), a providerReferenceId one of its registrations
 * here, held ones included (else 1001); both must name the same one ("mismatch").
 */
export function registrationOf(
  consent: ConsentRegistry,
  sourceId: string,
  clientId: string,
  revoke: Pick<Revoke, "consumerReferenceId" | "providerReferenceId">,
): ConsentRecord | Unknown | "mismatch" {
  const own = (r: ConsentRecord | undefined) => (r?.sourceId === sourceId && r.clientId === clientId ? r : undefined);
  const byConsumer = revoke.consumerReferenceId ? own(consent.get(revoke.consumerReferenceId)) : undefined;
  if (revoke.consumerReferenceId && !byConsumer) return { status: 1003, message: "consumerReferenceId unknown" };
  const byProvider = revoke.providerReferenceId ? consent.byProviderReference(sourceId, clientId, revoke.providerReferenceId) : undefined;
  if (revoke.providerReferenceId && !byProvider) return { status: 1001, message: "providerReferenceId unknown" };
  if (byConsumer && byProvider && byConsumer !== byProvider) return "mismatch";
  return (byConsumer ?? byProvider)!;
}

/**
 * PUT /consent/revokes: the consumer withdraws consent at this Source (ERRATA 42). The data stops
 * flowing at once and the statuses say revoked; the same revoke again is received and changes nothing.
 */
export function registerRevokes(app: Hono, state: SandboxState, source: (c: Context) => SandboxSource | undefined) {
  app.put("/:source/v1/consent/revokes", async (c) => {
    const s = source(c);
    if (!s) return c.notFound();
    const g = await guard(c, state, s, { scope: "eduv.consent", schoolIn: "body" });
    if (g instanceof Response) return g;
    const parsed = consentRevokeSchema.safeParse(g.body);
    if (!parsed.success) return statusResponse(c, 400, 11, "Schema incorrect");
    const revoke = parsed.data;
    const found = registrationOf(state.consent, s.id, g.token.clientId, revoke);
    if (found === "mismatch") return statusResponse(c, 400, 11, "Schema incorrect");
    if ("message" in found) return statusResponse(c, 404, found.status, found.message);
    // The registration the references name is for another school or API than the body says.
    if (found.orgMasterId !== g.school.orgMasterId || found.api !== revoke.api) return statusResponse(c, 400, 11, "Schema incorrect");
    const changed = state.consent.withdraw(found);
    state.consent.recordRevoke({
      consumerReferenceId: revoke.consumerReferenceId ?? null,
      providerReferenceId: revoke.providerReferenceId ?? null,
      sourceId: s.id,
      clientId: g.token.clientId,
      orgMasterId: found.orgMasterId,
      api: found.api,
      changed,
    });
    return c.body(null, 202, { "API-Version": s.apiVersion.consent! });
  });
}
