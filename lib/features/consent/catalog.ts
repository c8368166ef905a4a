import { OPERATIONS } from "@/lib/sources/operations";
import type { ConsentApi } from "@/lib/sources/reading/schemas/consent";
import type { SourceConfig, SourcesConfig } from "@/lib/sources/config";

/**
 * What the dashboard may ask a Provider's consent for, derived from the operations it calls: per
 * Edu-V API the scopes it needs (offered by default) and the scopes that only add fields (offered
 * only with a stated reason). Scopes no page of the dashboard uses are never offered.
 */
const NEVER_OFFERED = new Set([
  // Home address: only for the Bestelomgeving leermiddelen (eduv-domain §3), never for a dashboard.
  "eduv.student.deliveryaddress",
]);

export type { ApiScopes, ProviderOption } from "@/lib/contracts/consent";
import type { ApiScopes, ProviderOption } from "@/lib/contracts/consent";

export function scopesForApi(api: ConsentApi): ApiScopes {
  const ops = Object.values(OPERATIONS).filter((op) => op.consentApi === api);
  const needed = [...new Set(ops.flatMap((op) => op.requiredScopes))];
  const extra = [...new Set(ops.flatMap((op) => op.optionalScopes))].filter((s) => !needed.includes(s) && !NEVER_OFFERED.has(s));
  return { api, needed, extra };
}

/** The consent APIs behind a Source's configured data APIs (students → students-api, enrollments/assignments → association-api, usage → usage-api). */
export function consentApisOf(source: SourceConfig): ConsentApi[] {
  const apis = Object.values(OPERATIONS).flatMap((op) => (op.consentApi && source.apis.includes(op.sourceApi) ? [op.consentApi] : []));
  return [...new Set(apis)];
}

/** Providers a consent manager can ask at a school: Sources serving that school that take part in the Consent API. */
export function consentProviders(config: SourcesConfig, schoolId: string): ProviderOption[] {
  return config.sources
    .filter((s) => s.apis.includes("consent") && s.schools.includes(schoolId))
    .map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      delivery: s.consent?.delivery ?? "put",
      apis: consentApisOf(s).map(scopesForApi),
    }))
    .filter((p) => p.apis.length > 0);
}

export type ScopeCheck =
  { ok: true; extra: string[] } | { ok: false; reason: "unknown_scope" | "needed_missing" | "reason_required"; scopes: string[] };

/**
 * A request's scopes must hold every needed scope, may hold offered extras, and extras need a
 * reason of at least a few words (shown with the request).
 */
export function checkScopes(api: ConsentApi, scopes: readonly string[], reason: string | undefined): ScopeCheck {
  const { needed, extra } = scopesForApi(api);
  const unknown = scopes.filter((s) => !needed.includes(s) && !extra.includes(s));
  if (unknown.length) return { ok: false, reason: "unknown_scope", scopes: unknown };
  const missing = needed.filter((s) => !scopes.includes(s));
  if (missing.length) return { ok: false, reason: "needed_missing", scopes: missing };
  const asked = extra.filter((s) => scopes.includes(s));
  if (asked.length && (reason ?? "").trim().length < 10) return { ok: false, reason: "reason_required", scopes: asked };
  return { ok: true, extra: asked };
}
