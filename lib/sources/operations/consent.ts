import { z } from "zod";
import { zuluDateTimeSchema } from "../transport/request-params";
import { CONSENT_APIS, consentRequestSchema, consentRevokeSchema, consentStatusSchema } from "../reading/schemas/consent";
import { defineOperation } from "./define";

/**
 * PUT /consent/requests at a Data Provider: 202 means received, not granted. Idempotent per
 * consumerReferenceId, so a retry after a lost answer is safe.
 */
export const putConsentRequest = defineOperation({
  operationId: "put-consent-request",
  method: "PUT",
  path: "/consent/requests",
  sourceApi: "consent",
  consentApi: undefined,
  requiredScopes: ["eduv.consent"],
  optionalScopes: [],
  query: z.strictObject({}),
  body: consentRequestSchema("strict"),
  item: undefined,
  successStatus: 202,
  retryable: true,
});

/**
 * GET /consent/requests is served BY the dashboard to Data Providers (the consent issue builds the
 * route); its query is declared here so the route and the spec share one definition.
 */
export const getConsentRequestsQuerySchema = z.strictObject({
  api: z.enum(CONSENT_APIS).optional(),
  since: zuluDateTimeSchema.optional(),
});

/**
 * GET /consent/statuses at a Data Provider: what became of the consent registered there, changed
 * after `since` (Zulu). The dashboard polls it to learn confirmations, refusals and revocations.
 */
export const getConsentStatuses = defineOperation({
  operationId: "get-consent-statuses",
  method: "GET",
  path: "/consent/statuses",
  sourceApi: "consent",
  consentApi: undefined,
  requiredScopes: ["eduv.consent"],
  optionalScopes: [],
  query: getConsentRequestsQuerySchema,
  body: undefined,
  item: consentStatusSchema("lenient"),
  successStatus: 200,
  retryable: true,
});

/**
 * GET /consent/statuses/school at a Data Provider (ERRATA 41): the same statuses for one school, for
 * a Provider whose entry in the sources file says `consent.statusesBySchool`.
 */
export const getConsentStatusesBySchool = defineOperation({
  operationId: "get-consent-statuses-by-school",
  method: "GET",
  path: "/consent/statuses/school",
  sourceApi: "consent",
  consentApi: undefined,
  requiredScopes: ["eduv.consent"],
  optionalScopes: [],
  query: z.strictObject({
    orgMasterId: z.string().min(1).optional(),
    orgId: z.string().min(1).optional(),
    orgIdType: z.string().min(1).optional(),
    api: z.enum(CONSENT_APIS).optional(),
    since: zuluDateTimeSchema.optional(),
    providerReferenceId: z.string().min(1).optional(),
    consumerReferenceId: z.string().min(1).optional(),
  }),
  body: undefined,
  item: consentStatusSchema("lenient"),
  successStatus: 200,
  retryable: true,
});

/**
 * PUT /consent/revokes at a Data Provider (ERRATA 42): the school withdraws consent. 202 means
 * received; idempotent per registration, so a retry after a lost answer is safe.
 */
export const putConsentRevoke = defineOperation({
  operationId: "put-consent-revoke",
  method: "PUT",
  path: "/consent/revokes",
  sourceApi: "consent",
  consentApi: undefined,
  requiredScopes: ["eduv.consent"],
  optionalScopes: [],
  query: z.strictObject({}),
  body: consentRevokeSchema("strict"),
  item: undefined,
  successStatus: 202,
  retryable: true,
});
