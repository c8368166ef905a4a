"use client";

import { downloadPost, getJson, type ApiError } from "@/components/lists/api";
import type { BodyOf, Endpoint } from "@/components/lists/contract-types";
import type { DataQualityActor, DataQualityCheckId, dataQualityExport, dataQualityList } from "@/lib/contracts/data-quality";
import type { ResponseOf } from "@/lib/contracts/define";

/**
 * The BFF's requests of the Datakwaliteit page (its refresh and its exports): the endpoints and the fetchers, typed
 * by lib/contracts/data-quality. The contracts are imported for their types only, so zod stays out of
 * the browser; queries.test.ts holds the endpoints, the check ids and the actors to them.
 */
export const dataQualityEndpoints = {
  list: { method: "GET", path: "/api/data-quality" },
  export: { method: "POST", path: "/api/data-quality/export" },
} as const satisfies Record<string, Endpoint>;

export type DataQuality = ResponseOf<typeof dataQualityList>;
export type DataQualityCheck = DataQuality["checks"][number];
export type DataQualityItem = DataQualityCheck["items"][number];
export type DataQualitySource = DataQuality["sources"][number];
export type DataQualityExportBody = BodyOf<typeof dataQualityExport>;
export type CheckId = DataQualityCheckId;
export type Actor = DataQualityActor;

/** Every check, in the contract's order (DATA_QUALITY_CHECK_IDS; held to it by queries.test.ts): each has its words in the messages. */
export const CHECK_IDS = [
  "no_eck",
  "duplicate_eck",
  "duplicate_pupil",
  "ends_before_start",
  "study_year_out_of_range",
  "date_far_off",
  "subject_without_study",
] as const satisfies readonly CheckId[];

/** Who can put a finding right, in the contract's order (DATA_QUALITY_ACTORS; held to it by queries.test.ts). */
export const ACTORS = ["school", "las_vendor", "publisher"] as const satisfies readonly Actor[];

const withSchool = (path: string, schoolId: string, params: Record<string, string> = {}) =>
  `${path}?${new URLSearchParams({ school: schoolId, ...params })}`;

/** The checks over the school's LAS lists; `refresh` asks the Sources again instead of the BFF's cache. */
export function fetchDataQuality(schoolId: string, refresh = false): Promise<DataQuality> {
  return getJson<DataQuality>(withSchool(dataQualityEndpoints.list.path, schoolId, refresh ? { refresh: "1" } : {}));
}

/** Every record of one check as CSV, downloaded (the BFF logs the export); the ApiError when it failed. */
export function exportDataQuality(schoolId: string, check: CheckId): Promise<ApiError | null> {
  const body: DataQualityExportBody = { check };
  return downloadPost(withSchool(dataQualityEndpoints.export.path, schoolId), body, `datakwaliteit-${check}.csv`);
}
