import { describe, expect, it } from "vitest";
import { matching, oneOf, readUrlParams, text, withDefault } from "./url-params";

const SPEC = {
  sort: withDefault(oneOf(["name", "date"] as const), "name"),
  year: matching(/^\d{1,2}$/),
  period: text(10),
};

describe("readUrlParams: a page's query parameters read as the browser's filters read them", () => {
  it("takes accepted values, the first of repeated ones, and the default for a missing one", () => {
    expect(readUrlParams(SPEC, { year: ["4", "5"], period: "2526" })).toEqual({ sort: "name", year: "4", period: "2526" });
  });

  it("counts a refused value as absent, and does not read a parameter the spec does not name", () => {
    const read = readUrlParams(SPEC, { sort: "birthday", year: "123", period: "x".repeat(11), q: "jansen" });
    expect(read).toEqual({ sort: "name", year: undefined, period: undefined });
  });
});
