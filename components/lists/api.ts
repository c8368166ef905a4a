"use client";

import { apiErrorOf, networkError, type ApiError } from "./api-error";

export { ApiError, apiErrorOf, isApiError, networkError } from "./api-error";

/** An error answer read into an ApiError. */
export async function readApiError(res: Response): Promise<ApiError> {
  return apiErrorOf(res.status, await res.json().catch(() => undefined));
}

async function request<T>(url: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    throw networkError(err);
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw apiErrorOf(res.status, body);
  return body as T;
}

/** GET a BFF answer; an error answer is thrown as an ApiError. */
export async function getJson<T>(url: string): Promise<T> {
  return request<T>(url, { headers: { accept: "application/json" } });
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
