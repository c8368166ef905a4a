// What the attention tests share: the moment, the school, its Sources, and builders of the data the cards read.
import type { ConsentMatrix, ConsentRequestView } from "@/lib/features/consent/overview";
import { emptyCounters, HOUR_MS, type HealthDelta } from "@/lib/sources/health/contract-health";
import { summarizeSource } from "@/lib/sources/health/contract-health-summary";
import type { AttentionCard, HomeCard } from "../attention";

export const NOW = Date.parse("2026-03-02T10:30:00Z");
export const SCHOOL = "obs-de-regenboog";
export const SOURCES = [
  { id: "las-a", name: "Leerlingadministratie Alfa" },
  { id: "lr-a", name: "Licentieregistratie Uitgeverij Meridiaan" },
  { id: "lr-b", name: "Licentieregistratie Uitgeverij Kompas" },
];

/** One contract-health row (Source, operation, hour) as the store keeps it. */
export function row(
  sourceId: string,
  operationId: string,
  hoursAgo: number,
  counts: Partial<Pick<HealthDelta, "calls" | "failed" | "leftOut" | "codes">>,
): HealthDelta {
  const hour = NOW - (NOW % HOUR_MS) - hoursAgo * HOUR_MS;
  return { ...emptyCounters(), sourceId, operationId, hour, calls: 1, ...counts };
}

export function summaries(rows: HealthDelta[]) {
  return new Map(SOURCES.map((s) => [s.id, summarizeSource(rows, s.id, NOW)]));
}

export function request(status: ConsentRequestView["status"]): ConsentRequestView {
  return {
    consumerReferenceId: `ref-${status}`,
    providerId: "",
    providerName: "",
    api: "",
    scopes: [],
    extraScopes: [],
    reason: null,
    delivery: "put",
    status,
    attempts: 0,
    lastError: null,
    providerReferenceId: null,
    createdBy: "r.vandijk@sgdehorizon.example",
    createdAt: "2026-03-01T09:00:00Z",
    changedAt: "2026-03-01T09:00:00Z",
    changes: [],
  };
}

/** A matrix as the consent overview builds it: per Provider its cells (API, offered, latest request's status). */
export function matrix(
  rows: Array<{
    id: string;
    name: string;
    cells: Array<[api: string, offered: boolean, status: ConsentRequestView["status"] | null]>;
    pollError?: string;
  }>,
): ConsentMatrix {
  return {
    apis: ["students-api", "association-api", "usage-api"],
    rows: rows.map((r) => ({
      providerId: r.id,
      providerName: r.name,
      delivery: "put",
      statusPoll: { polledAt: "2026-03-02T10:00:00Z", lastError: r.pollError ?? null },
      cells: r.cells.map(([api, offered, status]) => ({
        api: api as ConsentMatrix["apis"][number],
        offered,
        request: status ? request(status) : null,
        known: null,
        withdrawal: null,
        withdrawable: false,
        check: null,
      })),
    })),
  };
}

export const items = (card: HomeCard) => (card as AttentionCard).items.map((i) => [i.code, i.source?.name ?? i.actor, i.count, i.href]);
