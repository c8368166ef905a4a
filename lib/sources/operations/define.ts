import type { z } from "zod";
import type { ConsentApi } from "../reading/schemas/consent";
import type { SourceApi } from "../config";

/**
 * One Edu-V operation: everything the client needs to call it and to check its answer.
 * `query` and `body` are validated before any call; `item` validates each record of a 200 list.
 */
export type Operation<Q extends z.ZodType, B extends z.ZodType | undefined, I extends z.ZodType | undefined> = {
  operationId: string;
  method: "GET" | "POST" | "PUT";
  path: string;
  /** Which entry of a Source's `apis` this operation needs. */
  sourceApi: SourceApi;
  /** The consent the Source checks (undefined for the Consent API itself). */
  consentApi: ConsentApi | undefined;
  requiredScopes: readonly string[];
  /** Scopes that only unlock more fields; requested when the Source is configured with them. */
  optionalScopes: readonly string[];
  query: Q;
  body: B;
  /** Schema of one record of the 200 array; undefined for operations answering 202 without body. */
  item: I;
  /** Status of success. */
  successStatus: 200 | 202;
  /** Safe to retry after a network failure (reads, and PUTs that are idempotent by key). */
  retryable: boolean;
};

export function defineOperation<Q extends z.ZodType, B extends z.ZodType | undefined, I extends z.ZodType | undefined>(
  op: Operation<Q, B, I>,
): Operation<Q, B, I> {
  return op;
}

export type AnyOperation = Operation<z.ZodType, z.ZodType | undefined, z.ZodType | undefined>;

/**
 * Scopes the dashboard never requests, whatever a Source's configuration lists: the home address
 * (`eduv.student.deliveryaddress`) is for the Bestelomgeving leermiddelen only (eduv-domain §3), and
 * the seed's security list for GET /students/school does not name it (003:348-353). No operation
 * lists it, the client drops it, and the sources file refuses it (ERRATA 39).
 */
export const NEVER_REQUESTED_SCOPES: ReadonlySet<string> = new Set(["eduv.student.deliveryaddress"]);
