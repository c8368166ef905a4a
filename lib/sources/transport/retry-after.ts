/**
 * A Source's "come back later" (RFC 9110 §10.2.3): 429, or 503 with Retry-After. Without a
 * Retry-After a 503 is an outage like any other 5xx and is retried as such.
 */

/** However long a Source asks for, it is paused at most this long per answer: a wrong clock or a typo must not silence it for days. */
export const MAX_PAUSE_MS = 60 * 60 * 1000;

/** The time (epoch ms) a Retry-After value names: delta-seconds or an HTTP-date; undefined for anything else. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  let at: number;
  if (/^\d{1,10}$/.test(text)) at = now + Number(text) * 1000;
  // Date.parse also takes "3" or "2026-01-01"; an HTTP-date names its weekday and GMT (asctime
  // implies GMT, which Date.parse would otherwise read as local time).
  else if (/^[A-Za-z]{3,9}, .+ GMT$/.test(text)) at = Date.parse(text);
  else if (/^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/.test(text)) at = Date.parse(`${text} GMT`);
  else return undefined;
  if (!Number.isFinite(at)) return undefined;
  return Math.min(Math.max(at, now), now + MAX_PAUSE_MS);
}

export type BusySignal = { busy: false } | { busy: true; retryAt: number | undefined };

/** Whether an answer says the Source is busy, and until when if it says so. */
export function busySignal(res: Response, now = Date.now()): BusySignal {
  if (res.status !== 429 && res.status !== 503) return { busy: false };
  const retryAt = parseRetryAfter(res.headers.get("retry-after"), now);
  if (res.status === 503 && retryAt === undefined) return { busy: false };
  return { busy: true, retryAt };
}
