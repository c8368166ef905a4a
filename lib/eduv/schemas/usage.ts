import { z } from "zod";
import { schoolReferenceSchema, userReferenceSchema } from "./common";
import { edvEnum, isoDate, nonEmpty, type SchemaMode } from "./mode";

export const ENTITLEMENT_TYPES = [
  "school-student",
  "school-employee",
  "school-activationcode",
  "customer-student",
  "customer-activationcode",
] as const;
export const ENTITLEMENT_STATUSES = ["entitled", "licensed", "cancelled", "blocked", "expired"] as const;

/** The seeds leave the entitlement item empty (ERRATA 11); this is our reconstruction. */
export function entitlementUsageSchema(mode: SchemaMode) {
  return z.object({
    entitlementId: nonEmpty(),
    productId: nonEmpty(),
    productTitle: z.string().optional(),
    entitlementType: edvEnum(ENTITLEMENT_TYPES, mode, "entitlementType").optional(),
    entitlementStatus: edvEnum(ENTITLEMENT_STATUSES, mode, "entitlementStatus"),
    deliveryOrderId: z.string().optional(),
    startDate: isoDate().optional(),
    activationUntilDate: isoDate().optional(),
    activationDate: isoDate().optional(),
    endDate: isoDate().optional(),
    expirationDate: isoDate().optional(),
  });
}

const total = () => z.int().min(0).optional();

/** POST /usage/school/user item. */
export function schoolUserUsageSchema(mode: SchemaMode) {
  return z.object({
    school: schoolReferenceSchema(mode),
    user: userReferenceSchema(mode),
    totalEntitled: total(),
    totalLicensed: total(),
    totalCancelled: total(),
    totalBlocked: total(),
    totalExpired: total(),
    entitlements: z.array(entitlementUsageSchema(mode)),
  });
}

export type EntitlementUsage = z.infer<ReturnType<typeof entitlementUsageSchema>>;
export type SchoolUserUsage = z.infer<ReturnType<typeof schoolUserUsageSchema>>;
