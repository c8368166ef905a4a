/** The BFF's licence usage answers as the page reads them (app/api/usage, app/api/usage/diagnose). */
export type Totals = { entitled: number; licensed: number; cancelled: number; blocked: number; expired: number };

export type Registry = {
  sourceId: string; sourceName: string; sourceKind: string;
  /** ok, unknown_user, unreadable, or a Source error kind (busy, too_large, timeout, …). */
  status: string;
  statusCode?: string;
  /** Why the answer cannot be used, in the reader's language (busy names the next try's time). */
  message?: string;
  retryAt?: string;
  /** Field paths of the person's record that could not be read. */
  fields?: string[];
  /** Left out of the answer, the rest kept: `count` entitlement items, `parts` other parts (a total), with all their field paths. */
  leftOutItems?: { count: number; parts?: number; paths: Record<string, number> };
  totals?: Totals;
  count: number;
  ageSeconds: number;
};

export type Meaning = "ok" | "not_activated" | "activation_lapsed" | "cancelled" | "blocked" | "expired" | "unknown";

export type Entitlement = {
  entitlementId?: string; productId?: string; productTitle?: string; entitlementType?: string; entitlementStatus?: string;
  startDate?: string; activationUntilDate?: string; activationDate?: string; endDate?: string; expirationDate?: string;
  sourceId: string; sourceName: string; meaning: Meaning;
  /** Without a product code: the item's other fields as sent (product data). */
  otherFields?: Array<[string, string]>;
};

export type Scope = { counted: string[]; notCounted: string[]; withoutEntitlements: string[] };

export type Answer = {
  person: { kind: "student" | "employee" | "unknown"; key: string; name?: string; maskedId: string };
  today: string; ageSeconds: number; totals: Totals; scope: Scope; registries: Registry[]; entitlements: Entitlement[];
};

export type Person = { kind: "student" | "employee"; key: string; name: string; maskedId: string };

export type Diagnosis = { steps: Array<{ step: string; label: string; result: "ok" | "fail" | "unknown" | "not_checked"; finding: string }>; actorLabel: string; conclusion: string; text: string };

/** Who is asked about: in component memory only, sent in POST bodies. */
export type Who = { studentKey: string } | { employeeKey: string } | { identifier: { type: string; value: string } };

export const TOTALS = ["licensed", "entitled", "cancelled", "blocked", "expired"] as const;
