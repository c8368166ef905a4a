import type { ConsentCheckView, ConsentRequestView, MatrixCell, WithdrawalView } from "@/lib/contracts/consent";

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

/** One matrix cell: offered, nothing asked, nothing withdrawn, unless `over` says otherwise. */
export function matrixCell(api: MatrixCell["api"], over: Partial<Omit<MatrixCell, "api">> = {}): MatrixCell {
  return { api, offered: true, request: null, known: null, withdrawal: null, withdrawable: false, check: null, ...over };
}

/** A cell of an API the Provider does not offer. */
export const notOffered = (api: MatrixCell["api"]): MatrixCell => matrixCell(api, { offered: false });

/** The school's withdrawal of a pair as the matrix shows it; `over` changes what a test is about. */
export function withdrawalView(over: Partial<WithdrawalView> = {}): WithdrawalView {
  return {
    revokeId: "66666666-7777-8888-9999-000000000000",
    status: "queued",
    reason: "Wij stoppen met deze leermiddelen",
    createdBy: "r.vandijk@sgdehorizon.example",
    createdAt: "2026-11-24T10:05:00.000Z",
    changedAt: "2026-11-24T10:05:00.000Z",
    attempts: 0,
    lastError: null,
    ...over,
  };
}

/** A live check as the matrix shows it: the Provider delivers and consent is recorded, unless `over` says otherwise. */
export function checkView(over: Partial<ConsentCheckView> = {}): ConsentCheckView {
  return { state: "delivers", detail: null, checkedAt: "2026-11-24T10:00:00.000Z", recorded: "consent", disagrees: false, ...over };
}
