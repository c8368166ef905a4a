import { z } from "zod";
import { readItems } from "./items";
import { schoolReferenceSchema, userReferenceSchema } from "./common";
import { edvEnum, integer, isoDate, nonEmpty, optText, type SchemaMode } from "./mode";

export const ENTITLEMENT_TYPES = [
  "school-student",
  "school-employee",
  "school-activationcode",
  "customer-student",
  "customer-activationcode",
] as const;
export const ENTITLEMENT_STATUSES = ["entitled", "licensed", "cancelled", "blocked", "expired"] as const;

/**
 * The seeds leave the entitlement item empty ("Object", ERRATA 11); this is our reconstruction.
 * Strict mode (the spec) requires entitlementId, productId and entitlementStatus. Lenient mode
 * requires nothing of an item but that it is an object: a field we expect may be missing, others
 * are kept (loose) so the page can show what the item carries; a field we know with a wrong type
 * leaves that item out, and only that item.
 */
export function entitlementUsageSchema(mode: SchemaMode) {
  const fields = {
    productTitle: optText(mode),
    entitlementType: edvEnum(ENTITLEMENT_TYPES, mode, "entitlementType").optional(),
    deliveryOrderId: optText(mode),
    startDate: isoDate().optional(),
    activationUntilDate: isoDate().optional(),
    activationDate: isoDate().optional(),
    endDate: isoDate().optional(),
    expirationDate: isoDate().optional(),
  };
  if (mode === "strict") {
    return z.object({
      entitlementId: nonEmpty(),
      productId: nonEmpty(),
      entitlementStatus: edvEnum(ENTITLEMENT_STATUSES, mode, "entitlementStatus"),
      ...fields,
    });
  }
  return z.looseObject({
    entitlementId: optText(mode),
    productId: optText(mode),
    entitlementStatus: edvEnum(ENTITLEMENT_STATUSES, mode, "entitlementStatus").optional(),
    ...fields,
  });
}

/**
 * A total: a count, so a non-negative integer in both modes (seed 000 "Geheel getal"; a negative
 * count would subtract when the registries' totals are added). Lenient mode reads a string of
 * digits as the number; any other value is left out alone, counted, and the total is then counted
 * from the entitlements (usage.ts), the answer kept.
 */
const total = (mode: SchemaMode) => integer(mode, 0).optional();

// How many items of a read entitlement list were left out, by the list (the report counts by field path, and one item may fail on several).
const leftOutCounts = new WeakMap<object, number>();

/** The number of items the Source sent in this list that could not be read (0 for a list not read here). */
export function leftOutEntitlements(list: readonly unknown[]): number {
  return leftOutCounts.get(list) ?? 0;
}

/** The entitlements of one answer: in lenient mode read item by item, so one bad item leaves out only itself. */
function entitlementsSchema(mode: SchemaMode) {
  if (mode === "strict") return z.array(entitlementUsageSchema("strict"));
  const item = entitlementUsageSchema("lenient");
  return z.array(z.unknown()).transform((items) => {
    const kept = readItems(item, items, "entitlements");
    if (kept.length < items.length) leftOutCounts.set(kept, items.length - kept.length);
    return kept;
  });
}

/** POST /usage/school/user item. */
export function schoolUserUsageSchema(mode: SchemaMode) {
  return z.object({
    school: schoolReferenceSchema(mode),
    user: userReferenceSchema(mode),
    totalEntitled: total(mode),
    totalLicensed: total(mode),
    totalCancelled: total(mode),
    totalBlocked: total(mode),
    totalExpired: total(mode),
    entitlements: entitlementsSchema(mode),
  });
}

/** An entitlement as the client reads it: any field we expect may be missing, other fields kept as sent. */
export type EntitlementUsage = z.infer<ReturnType<typeof entitlementUsageSchema>> & {
  entitlementId?: string;
  productId?: string;
  entitlementStatus?: string;
};
export type SchoolUserUsage = Omit<z.infer<ReturnType<typeof schoolUserUsageSchema>>, "entitlements"> & {
  entitlements: EntitlementUsage[];
};
