import { z } from "zod";
import { zuluDateTimeSchema } from "../transport/request-params";
import { CONSENT_APIS, consentRequestSchema, consentStatusSchema } from "../reading/schemas/consent";
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
