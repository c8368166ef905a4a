import { describe, expect, it } from "vitest";
import en from "./messages/en.json";
import nl from "./messages/nl.json";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("UI messages", () => {
  it("English has exactly the keys Dutch has", () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
  });
  it("no message is empty", () => {
    for (const lang of [nl, en])
      for (const k of keys(lang)) expect(k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], lang)).not.toBe("");
  });
});
