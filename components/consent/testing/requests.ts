import type { ConsentRequestView } from "@/lib/contracts/consent";

/** A request as GET /api/consent answers it; `over` changes what a test is about. */
export function requestView(over: Partial<ConsentRequestView> = {}): ConsentRequestView {
  return {
    consumerReferenceId: "11111111-2222-3333-4444-555555555555",
    providerId: "las-b",
    providerName: "Leerlingadministratie Beta",
    api: "students-api",
    scopes: ["eduv.student.basic"],
    extraScopes: [],
    reason: null,
    delivery: "put",
    status: "concept",
    attempts: 0,
    lastError: null,
    providerReferenceId: null,
    createdBy: "r.vandijk@sgdehorizon.example",
    createdAt: "2026-11-24T09:01:00.000Z",
    changedAt: "2026-11-24T09:03:00.000Z",
    changes: [{ event: "created", at: "2026-11-24T09:01:00.000Z" }],
    ...over,
  };
}
