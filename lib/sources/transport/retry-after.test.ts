import { describe, expect, it } from "vitest";
import { MAX_PAUSE_MS, busySignal, parseRetryAfter } from "./retry-after";

const NOW = Date.UTC(2026, 2, 2, 13, 5, 0);

describe("Retry-After", () => {
  it.each([
    ["delta-seconds", "30", NOW + 30_000],
    ["zero", "0", NOW],
    ["surrounding spaces", " 5 ", NOW + 5_000],
    ["an IMF-fixdate", "Mon, 02 Mar 2026 13:05:30 GMT", NOW + 30_000],
    ["an RFC 850 date", "Monday, 02-Mar-26 13:05:30 GMT", NOW + 30_000],
    ["an asctime date, which is GMT too", "Mon Mar  2 13:05:30 2026", NOW + 30_000],
    ["a date in the past: now", "Mon, 02 Mar 2026 12:00:00 GMT", NOW],
    ["a pause of a week: an hour at most", "604800", NOW + MAX_PAUSE_MS],
  ])("%s", (_label, value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([
    ["absent", null],
    ["empty", ""],
    ["negative", "-5"],
    ["a fraction", "1.5"],
    ["words", "soon"],
    ["an ISO date", "2026-03-02T13:05:30Z"],
    ["an impossible date", "Mon, 99 Mar 2026 13:05:30 GMT"],
    ["too many digits", "99999999999"],
  ])("ignores nonsense: %s", (_label, value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it("a 429 is busy with or without Retry-After; a 503 only with one", () => {
    const answer = (status: number, retryAfter?: string) =>
      new Response(null, { status, headers: retryAfter ? { "retry-after": retryAfter } : {} });
    expect(busySignal(answer(429, "2"), NOW)).toEqual({ busy: true, retryAt: NOW + 2_000 });
    expect(busySignal(answer(429), NOW)).toEqual({ busy: true, retryAt: undefined });
    expect(busySignal(answer(429, "soon"), NOW)).toEqual({ busy: true, retryAt: undefined });
    expect(busySignal(answer(503, "2"), NOW)).toEqual({ busy: true, retryAt: NOW + 2_000 });
    expect(busySignal(answer(503), NOW)).toEqual({ busy: false });
    expect(busySignal(answer(503, "soon"), NOW)).toEqual({ busy: false });
    expect(busySignal(answer(500, "2"), NOW)).toEqual({ busy: false });
  });
});
