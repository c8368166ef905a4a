import { z } from "zod";
import { schoolReferenceSchema } from "./common";
import { edvEnum, isoDateTime, nonEmpty, optText, type SchemaMode } from "./mode";

export const CONSENT_APIS = [
  "students-api",
  "employees-api",
  "education-api",
  "association-api",
  "delivery-api",
  "entitlement-api",
  "usage-api",
  "progress-api",
  "results-api",
] as const;
export type ConsentApi = (typeof CONSENT_APIS)[number];

/** The seed copied the api enum here (ERRATA 8); the description names the value `accepted`. */
export const CONSUMER_STATUSES = ["accepted", "revoked"] as const;

/**
 * Scopes are strings (ERRATA 17). In lenient mode an object `{ scope }` or `{ name }`, as the seed's
 * "Object" rendering might suggest some Sources send, is read as its string.
 */
function scopeItemSchema(mode: SchemaMode) {
  if (mode === "strict") return z.string();
  return z.union([
    z.string(),
    z.object({ scope: z.string() }).transform((o) => o.scope),
    z.object({ name: z.string() }).transform((o) => o.name),
  ]);
}

export function consentRequestSchema(mode: SchemaMode) {
  return z.object({
    consumerReferenceId: nonEmpty(),
    school: schoolReferenceSchema(mode),
    api: edvEnum(CONSENT_APIS, mode, "api"),
    scopes: z.array(scopeItemSchema(mode)).min(1),
    consumerStatus: edvEnum(CONSUMER_STATUSES, mode, "consumerStatus"),
  });
}

export type ConsentRequest = z.infer<ReturnType<typeof consentRequestSchema>>;

/**
 * Where a consent registration stands at the Data Provider (GET /consent/statuses, in the Edu-V
 * Consent API beyond the seeds; ERRATA 35): received and waiting for its administrator, confirmed,
 * refused, or revoked later.
 */
export const PROVIDER_STATUSES = ["requested", "confirmed", "refused", "revoked"] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/**
 * The most recent consent registered at a Provider for a school and API. Only `school` and `api` are
 * required: the Edu-V documentation promises no more. `providerReferenceId` stays empty until the
 * Provider confirmed; `consumerReferenceId` is absent for consent the school registered at the
 * Provider directly (no request of ours behind it); `providerStatus` and `changedAt` are ours to
 * read when a Provider sends them (ERRATA 35), inferred and replaced by the poll time otherwise.
 */
export function consentStatusSchema(mode: SchemaMode) {
  return z.object({
    providerReferenceId: optText(mode),
    consumerReferenceId: nonEmpty().optional(),
    school: schoolReferenceSchema(mode),
    api: edvEnum(CONSENT_APIS, mode, "api"),
    scopes: z.array(scopeItemSchema(mode)).optional(),
    providerStatus: edvEnum(PROVIDER_STATUSES, mode, "providerStatus").optional(),
    changedAt: isoDateTime().optional(),
  });
}

export type ConsentStatusRecord = z.infer<ReturnType<typeof consentStatusSchema>>;

/**
 * The school's withdrawal, as the dashboard sends it (PUT /consent/revokes, ERRATA 42): the
 * registration named by our request's reference, the Provider's, or both.
 */
export function consentRevokeSchema(mode: SchemaMode) {
  return z
    .object({
      consumerReferenceId: nonEmpty().optional(),
      providerReferenceId: nonEmpty().optional(),
      school: schoolReferenceSchema(mode),
      api: edvEnum(CONSENT_APIS, mode, "api"),
      scopes: z.array(scopeItemSchema(mode)).optional(),
      providerStatus: z.literal("revoked"),
    })
    .refine((r) => r.consumerReferenceId !== undefined || r.providerReferenceId !== undefined, {
      message: "a revoke names the registration by consumerReferenceId or providerReferenceId",
      path: ["consumerReferenceId"],
    });
}

/**
 * Where a status stands when the Provider does not say: confirmed once it carries the Provider's
 * reference, still waiting while that is empty.
 */
export function providerStatusOf(status: Pick<ConsentStatusRecord, "providerStatus" | "providerReferenceId">): string {
  return status.providerStatus ?? (status.providerReferenceId ? "confirmed" : "requested");
}
