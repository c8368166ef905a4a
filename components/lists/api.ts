"use client";

import { apiErrorOf, networkError, type ApiError } from "./api-error";

export { ApiError, apiErrorOf, isApiError, networkError } from "./api-error";

/** An error answer read into an ApiError. */
export async function readApiError(res: Response): Promise<ApiError> {
  return apiErrorOf(res.status, await res.json().catch(() => undefined));
}

/** The header that marks a request no one asked for just now (a poll): the server does not count it as activity. */
export const BACKGROUND_HEADER = "x-ldb-background";

/**
 * Where the browser goes when a background request finds the session ended (a test replaces it):
 * a full page load on purpose, so nothing the tab held stays in its memory (as at sign-out).
 */
// eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load drops the tab's data; router.push would keep it
export const leave = { toSignIn: () => window.location.assign("/inloggen") };

async function request<T>(url: string, init: RequestInit, background = false): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    throw networkError(err);
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = apiErrorOf(res.status, body);
    // A page left open past the idle time: its polls do not keep the session alive, and the first
    // one after the end takes the tab to the sign-in page instead of showing what it held.
    if (background && error.code === "unauthenticated") leave.toSignIn();
    throw error;
  }
  return body as T;
}

/**
 * GET a BFF answer; an error answer is thrown as an ApiError. `background`: a poll, not something
 * the user just did; it does not extend the session's idle time (lib/auth/staff.ts).
 */
export async function getJson<T>(url: string, options: { background?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.background) headers[BACKGROUND_HEADER] = "1";
  return request<T>(url, { headers }, options.background);
}

/** POST with our CSRF header and a JSON body (identifiers and searches travel here, never in a URL); errors as getJson. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  return request<T>(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-ldb-csrf": "1", accept: "application/json" },
    body: JSON.stringify(body),
  });
}

/** A server-made file (CSV export) from a POST, handed to the browser as a download. Returns the ApiError, or null. */
export async function downloadPost(url: string, body: unknown, fallbackName: string): Promise<ApiError | null> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ldb-csrf": "1" },
      body: JSON.stringify(body),
    });
  } catch (err) {
    return networkError(err);
  }
  if (!res.ok) return readApiError(res);
  const href = URL.createObjectURL(await res.blob());
  const link = document.createElement("a");
  link.href = href;
  link.download = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? fallbackName;
  link.click();
  URL.revokeObjectURL(href);
  return null;
}
