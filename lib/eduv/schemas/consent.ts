import { z } from "zod";
import { schoolReferenceSchema } from "./common";
import { edvEnum, nonEmpty, type SchemaMode } from "./mode";

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
