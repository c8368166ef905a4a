import type { EntitlementView } from "@/lib/contracts/usage";
import { meaningOf, type EntitlementRow } from "./usage";

export type { EntitlementView } from "@/lib/contracts/usage";

/** Fields the lookup page shows in columns of their own, and our own additions: not repeated among the other fields. */
const SHOWN = new Set([
  "productId",
  "productTitle",
  "entitlementType",
  "entitlementStatus",
  "startDate",
  "activationUntilDate",
  "endDate",
  "expirationDate",
  "sourceId",
  "sourceName",
]);
const MAX_FIELDS = 8;
const MAX_VALUE = 80;

/**
 * An item's other scalar fields as sent ("name: value"), at most 8, values cut at 80 characters:
 * product data (an entitlement carries no personal data), for an item we cannot name by product code.
 */
export function otherFieldsOf(e: Readonly<Record<string, unknown>>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(e)) {
    if (SHOWN.has(name) || !["string", "number", "boolean"].includes(typeof value)) continue;
    const text = String(value);
    out.push([name.slice(0, MAX_VALUE), text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text]);
    if (out.length === MAX_FIELDS) break;
  }
  return out;
}

/** An entitlement for the lookup page: its meaning, and, without a product code, what else it carries. */
export function entitlementView(e: EntitlementRow, today: string): EntitlementView {
  const view: EntitlementView = { ...e, meaning: meaningOf(e, today) };
  if (e.productId === undefined) view.otherFields = otherFieldsOf(e);
  return view;
}
