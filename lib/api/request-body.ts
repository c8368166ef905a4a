/**
 * Request bodies read with a cap: `request.json()` and `request.text()` hold the whole body in
 * memory before anyone can say no, and a body may be any size (or never end). Each reader here
 * refuses a declared Content-Length over the cap without reading a byte, and stops reading (the
 * stream cancelled) as soon as the bytes counted pass it, whatever was declared or when nothing was
 * (chunked).
 */
import { BodyTooLargeError, contentLength, readBody } from "@/lib/sources/transport/read-body";

/**
 * JSON bodies of the BFF routes. The largest one a route's schema allows is the consent request
 * (20 scopes of 100 characters and a reason of 1,000): about 3 KB as sent, under 19 KB even if every
 * character came as a six-byte `\uXXXX` escape (`request-body.test.ts` builds it). 64 KiB leaves
 * room for that without letting 100 parallel uploads hold more than 6.4 MB.
 */
export const JSON_BODY_CAP = 64 * 1024;

/**
 * Form bodies of the public endpoints (the Providers' token endpoint, next-auth's sign-in and
 * sign-out): a client-credentials request with a private_key_jwt assertion is under 2 KB even with
 * a 4096-bit RSA signature; 16 KiB also fits an assertion that carries a certificate chain.
 */
export const FORM_BODY_CAP = 16 * 1024;

export const TOO_LARGE = Symbol("body too large");

/** Whether the request says, before any byte is read, that its body is over the cap. */
export function declaredTooLarge(request: Request, cap: number): boolean {
  const declared = contentLength(request);
  return declared !== undefined && declared > cap;
}

/** The body as UTF-8 text, or TOO_LARGE (nothing more read) once it passes `cap` bytes. */
export async function readCappedText(request: Request, cap: number): Promise<string | typeof TOO_LARGE> {
  try {
    return (await readBody(request, cap)).text;
  } catch (err) {
    if (err instanceof BodyTooLargeError) return TOO_LARGE;
    throw err;
  }
}

/** "64 KiB": a cap in the words the 413 answers use. */
export function kib(cap: number): string {
  return `${Math.round(cap / 1024)} KiB`;
}
