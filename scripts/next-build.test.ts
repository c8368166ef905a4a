import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { isUpstreamPrerenderCrash } from "./next-build.mjs";

const crash = (page: string, message: string) =>
  `Error occurred prerendering page "${page}". Read more: https://nextjs.org/docs/messages/prerender-error\nTypeError: ${message}\n`;

describe("next-build: which failed build is tried once more", () => {
  it("Next's own error pages crashing on a null React binding", () => {
    expect(isUpstreamPrerenderCrash(crash("/_global-error", "Cannot read properties of null (reading 'useContext')"))).toBe(true);
    expect(isUpstreamPrerenderCrash(crash("/_not-found", "Cannot read properties of null (reading 'useContext')"))).toBe(true);
  });

  it("not one of our pages, another error, or a type error", () => {
    expect(isUpstreamPrerenderCrash(crash("/leerlingen", "Cannot read properties of null (reading 'useContext')"))).toBe(false);
    expect(isUpstreamPrerenderCrash(crash("/_global-error", "Cannot read properties of undefined (reading 'length')"))).toBe(false);
    expect(isUpstreamPrerenderCrash("app/page.tsx(3,1): error TS2345: Argument of type 'x'\nFailed to type check.")).toBe(false);
  });
});
