"use client";

import { downloadPost, getJson, postJson, type ApiError } from "@/components/lists/api";
import type { BodyOf } from "@/components/lists/contract-types";
import { dataQualityEndpoints, dataQualityUrl } from "./urls";
import type {
  DataQualityActor,
  DataQualityCheckId,
  dataQualityExport,
  dataQualityList,
  dataQualityScan,
  dataQualityScanCancel,
  dataQualityScanStart,
  ScanView,
} from "@/lib/contracts/data-quality";
import type { dataQualityMassChangeAccept } from "@/lib/contracts/mass-change";
import type { ResponseOf } from "@/lib/contracts/define";

/**
 * The BFF's requests of the Datakwaliteit page (its refresh, its exports, the licence scan and the
 * acceptance of a mass change): the endpoints and the fetchers, typed by lib/contracts/data-quality and
 * lib/contracts/mass-change. The contracts are imported for their types only, so zod stays out of the
 * browser; queries.test.ts holds the endpoints, the check ids and the actors to them.
 */
export { dataQualityEndpoints, dataQualityUrl } from "./urls";

export type DataQuality = ResponseOf<typeof dataQualityList>;
export type DataQualityCheck = DataQuality["checks"][number];
export type DataQualityItem = DataQualityCheck["items"][number];
export type DataQualitySource = DataQuality["sources"][number];
export type DataQualityExportBody = BodyOf<typeof dataQualityExport>;
export type CheckId = DataQualityCheckId;
/** A check whose records export as CSV: one over the LAS lists, or one of the licence scan's. */
export type ExportCheckId = DataQualityExportBody["check"];
export type Actor = DataQualityActor;
/** The school's licence scan (running, done, cancelled or failed), and a finished scan's checks. */
export type Scan = ScanView;
export type LicenceCheck = Extract<Scan, { state: "done" }>["checks"][number];

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

const withSchool = dataQualityUrl;

/** Every record of one check as CSV, downloaded (the BFF logs the export); the ApiError when it failed. */
export function exportDataQuality(schoolId: string, check: ExportCheckId): Promise<ApiError | null> {
  const body: DataQualityExportBody = { check };
  return downloadPost(withSchool(dataQualityEndpoints.export.path, schoolId), body, `datakwaliteit-${check}.csv`);
}

/** How far the school's licence scan is: a poll while it runs (`background`: no activity, so an open page still signs out). */
export function fetchScan(schoolId: string): Promise<ResponseOf<typeof dataQualityScan>> {
  return getJson(withSchool(dataQualityEndpoints.scan.path, schoolId), { background: true });
}

/** Starts the school's licence scan (or answers the one running); errors as ApiError (429 with its retry time). */
export function startScan(schoolId: string): Promise<ResponseOf<typeof dataQualityScanStart>> {
  const body: BodyOf<typeof dataQualityScanStart> = {};
  return postJson(withSchool(dataQualityEndpoints.scanStart.path, schoolId), body);
}

/** Stops the school's running licence scan. */
export function cancelScan(schoolId: string): Promise<ResponseOf<typeof dataQualityScanCancel>> {
  const body: BodyOf<typeof dataQualityScanCancel> = {};
  return postJson(withSchool(dataQualityEndpoints.scanCancel.path, schoolId), body);
}

/**
 * Accepts the waiting mass change of one LAS list (a school administrator); `now`: the count the
 * reader was shown, so a change with another count by now is not accepted unseen (409, the server's words).
 */
export function acceptMassChange(
  schoolId: string,
  body: BodyOf<typeof dataQualityMassChangeAccept>,
): Promise<ResponseOf<typeof dataQualityMassChangeAccept>> {
  return postJson(withSchool(dataQualityEndpoints.massChangeAccept.path, schoolId), body);
}
