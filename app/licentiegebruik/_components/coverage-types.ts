/** The BFF's coverage result as the page reads it (app/api/usage/coverage, NDJSON). */
export type Reason = "no_entitlement" | "not_activated" | "activation_lapsed" | "cancelled" | "blocked" | "expired" | "unknown_status" | "source_error";

export type Product = {
  productId: string; productTitle?: string; sources: string[]; licensed: number; without: number; unknown: number;
  byReason: Partial<Record<Reason, number>>; pupils: Array<{ key: string; name?: string; reason: Reason; sourceName?: string }>;
};

export type RegistryShare = { sourceId: string; sourceName: string; answered: number; asked: number; percent: number; complete: boolean };

export type Conclusions = { from: string[]; others: string[]; noEntitlements: boolean; allAssignedAndActivated: boolean; unknownStatus: number };

export type LeftOut = { count: number; fields: string[] };

export type Candidate = { key: string; name?: string; productId?: string; productTitle?: string; sourceName: string; entitlementStatus: string; why: "left_class" | "never_activated" };

export type Coverage = {
  pupils: number; formerPupils: number; asked: number; notInLas: number; unreadableInLas: LeftOut; unreadableEnrollments: LeftOut;
  /** Pupils of the group whose enrollments could not be matched to one pupil of the LAS list (an identifier two pupils share): not asked about, nothing concluded. */
  ambiguousInLas: number;
  /** Pupils whose enrollments in the group include one with a status nobody knows and none that holds now: neither current nor former, not asked about, nothing concluded. */
  statusUnknown: number;
  registries: RegistryShare[]; conclusions: Conclusions | null; itemsWithoutProduct: number;
  dataAgeSeconds: number; oldestAnswerAt: string;
  products: Product[]; pupilsWithErrors: number; candidates: Candidate[];
  refusals: Array<{ sourceId: string; sourceName: string; status: string; message: string }>;
};

export type Line = { type: "start"; total: number } | { type: "progress"; done: number; total: number } | { type: "result"; coverage: Coverage } | { type: "error"; message: string };
