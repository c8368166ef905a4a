"use client";

import type { z } from "zod";
import { downloadPost, networkError, postJson, readApiError, type ApiError } from "@/components/lists/api";
import type { BodyOf, Endpoint } from "@/components/lists/contract-types";
import { opaqueKey } from "@/components/lists/opaque-key";
import type { ResponseOf } from "@/lib/contracts/define";
import type { coverageExport, coverageLine, coverageResult, coverageRun } from "@/lib/contracts/coverage";
import type { usageDiagnose, usageLookup, usageOptions, usagePeople } from "@/lib/contracts/usage";

/**
 * The usage and coverage endpoints' method and path, as their contracts (lib/contracts/usage.ts,
 * coverage.ts) name them; the contracts themselves are imported for their types only, so zod stays
 * out of the browser (components/lists/contract-paths.test.ts holds these to them).
 */
export const usageEndpoints = {
  lookup: { method: "POST", path: "/api/usage" },
  people: { method: "POST", path: "/api/usage/people" },
  options: { method: "GET", path: "/api/usage/options" },
  diagnose: { method: "POST", path: "/api/usage/diagnose" },
  coverage: { method: "POST", path: "/api/usage/coverage" },
  coverageExport: { method: "POST", path: "/api/usage/coverage/export" },
} as const satisfies Record<string, Endpoint>;

export type UsageAnswer = ResponseOf<typeof usageLookup>;
export type Registry = UsageAnswer["registries"][number];
export type Entitlement = UsageAnswer["entitlements"][number];
export type PeopleAnswer = ResponseOf<typeof usagePeople>;
export type Person = PeopleAnswer["people"][number];
export type UsageOptions = ResponseOf<typeof usageOptions>;
export type Offering = UsageOptions["studyOfferings"][number] | UsageOptions["subjectOfferings"][number];
export type Diagnosis = ResponseOf<typeof usageDiagnose>;
export type CoverageLine = z.infer<typeof coverageLine>;
export type Coverage = z.infer<typeof coverageResult>;
export type Product = Coverage["products"][number];
export type Candidate = Coverage["candidates"][number];
export type Reason = keyof Product["byReason"];

type LookupBody = BodyOf<typeof usageLookup>;
/** Who is asked about: a person picked from a list (opaque key) or an identifier typed in; in component memory only, sent in POST bodies. */
export type Who =
  Pick<Required<LookupBody>, "studentKey"> | Pick<Required<LookupBody>, "employeeKey"> | Pick<Required<LookupBody>, "identifier">;
export type IdType = Required<LookupBody>["identifier"]["type"];
/** The class or offering a coverage is run for, and whether to ask every Source again. */
export type CoverageBody = Omit<BodyOf<typeof coverageRun>, "refresh"> & { refresh?: boolean };
export type CoverageExportBody = Omit<BodyOf<typeof coverageExport>, "refresh">;

/** The cache's stand-in for whom: an opaque key as it is, a typed identifier as a token of this tab (never its text). */
function whoToken(who: Who): string {
  if ("studentKey" in who) return who.studentKey;
  if ("employeeKey" in who) return who.employeeKey;
  return opaqueKey(`${who.identifier.type}:${who.identifier.value}`);
}

/** The usage queries' keys: never a name or an identifier. */
export const usageKeys = {
  all: ["usage"] as const,
  lookup: (who: Who) => ["usage", "lookup", whoToken(who)] as const,
  /** A name search by its number in the form (each search submitted is asked anew), never its text. */
  people: (search: number) => ["usage", "people", search] as const,
  diagnose: (who: Who) => ["usage", "diagnose", whoToken(who)] as const,
};

/** One person's licence usage at every registry of the school; `refresh` asks them again. */
export function fetchUsage(who: Who, refresh = false): Promise<UsageAnswer> {
  return postJson<UsageAnswer>(usageEndpoints.lookup.path, refresh ? { ...who, refresh } : who);
}

/** Pupils and employees whose name matches `q` (in the body, never in a URL). */
export function fetchPeople(q: string): Promise<PeopleAnswer> {
  return postJson<PeopleAnswer>(usageEndpoints.people.path, { q } satisfies BodyOf<typeof usagePeople>);
}

/** The chain from enrolment to a working licence for one person and one product. */
export function fetchDiagnosis(who: Who, productId: string): Promise<Diagnosis> {
  return postJson<Diagnosis>(usageEndpoints.diagnose.path, { ...who, productId } satisfies BodyOf<typeof usageDiagnose>);
}

/** The coverage's progress as the stream tells it. */
export type CoverageProgress = { done: number; total: number };

/** Reads NDJSON lines from a stream as they come. */
async function* lines(body: NonNullable<Response["body"]>): AsyncGenerator<string> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    for (const part of parts) if (part.trim()) yield part;
  }
  if (buffer.trim()) yield buffer;
}

/**
 * Runs a coverage (NDJSON, `coverageLine`): progress through `onProgress`, the result returned (null
 * when the stream ended without one). An error answer is thrown as an ApiError, the stream's error
 * line as an Error with its words; aborting `signal` cancels the run.
 */
export async function runCoverage(
  body: CoverageBody,
  signal: AbortSignal,
  onProgress: (p: CoverageProgress) => void,
): Promise<Coverage | null> {
  const res = await fetch(usageEndpoints.coverage.path, {
    method: "POST",
    headers: { "content-type": "application/json", "x-ldb-csrf": "1" },
    body: JSON.stringify(body),
    signal,
  }).catch((err: unknown) => {
    throw signal.aborted ? err : networkError(err);
  });
  if (!res.ok || !res.body) throw await readApiError(res);
  let result: Coverage | null = null;
  let failed: string | null = null;
  for await (const raw of lines(res.body)) {
    const line = JSON.parse(raw) as CoverageLine;
    if (line.type === "start") onProgress({ done: 0, total: line.total });
    else if (line.type === "progress") onProgress({ done: line.done, total: line.total });
    else if (line.type === "result") result = line.coverage;
    else failed = line.message;
  }
  if (failed !== null) throw new Error(failed);
  return result;
}

/** The coverage's pupils and candidates as CSV, downloaded; the ApiError when it failed. */
export function exportCoverage(body: CoverageExportBody): Promise<ApiError | null> {
  return downloadPost(usageEndpoints.coverageExport.path, body, "licentiedekking.csv");
}
