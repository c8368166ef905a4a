"use client";

import { useQuery } from "@tanstack/react-query";

/** Every BFF error carries a message in the interface's language; a thrown Error carries it on. */
export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error((body as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${res.status}`);
  return body as T;
}

/** POST with our CSRF header and a JSON body (identifiers and searches travel here, never in a URL). */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-ldb-csrf": "1", accept: "application/json" }, body: JSON.stringify(body) });
  const answer = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error((answer as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${res.status}`);
  return answer as T;
}

/** A server-made file (CSV export) from a POST, handed to the browser as a download. Returns an error message or null. */
export async function downloadPost(url: string, body: unknown, fallbackName: string): Promise<string | null> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-ldb-csrf": "1" }, body: JSON.stringify(body) });
  if (!res.ok) {
    const answer = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    return answer?.error?.message ?? `HTTP ${res.status}`;
  }
  const href = URL.createObjectURL(await res.blob());
  const link = document.createElement("a");
  link.href = href;
  link.download = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? fallbackName;
  link.click();
  URL.revokeObjectURL(href);
  return null;
}

export type EnrollmentOptions = {
  periods: string[];
  studyOfferings: Array<{ id: string; studyYear?: number; count: number }>;
  subjectOfferings: Array<{ id: string; count: number }>;
  studyYears: number[];
  locations: string[];
};

/** Periods, offerings, years and locations of the school (from its enrollments): what the filters offer. */
export function useEnrollmentOptions(enabled = true) {
  return useQuery({ queryKey: ["enrollment-options"], queryFn: () => getJson<EnrollmentOptions>("/api/enrollments/options"), staleTime: 60_000, enabled, retry: false });
}
