import { z } from "zod";
import { schoolReferenceSchema, userReferenceSchema } from "../reading/schemas/common";
import { schoolUserUsageSchema } from "../reading/schemas/usage";
import { defineOperation } from "./define";

/**
 * POST /usage/school/user at a Licentieregistratie: one student's or employee's entitlements.
 * An Aanspraakmanager answers 405. The ECK iD travels in the body only.
 */
export const getUserUsage = defineOperation({
  operationId: "get-usage-for-user-at-school",
  method: "POST",
  path: "/usage/school/user",
  sourceApi: "usage",
  consentApi: "usage-api",
  requiredScopes: ["eduv.usage.dashboard"],
  optionalScopes: [],
  query: z.strictObject({}),
  body: z.strictObject({ school: schoolReferenceSchema("strict"), user: userReferenceSchema("strict") }),
  item: schoolUserUsageSchema("lenient"),
  successStatus: 200,
  retryable: true,
});
