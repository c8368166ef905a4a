import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoEmployees } from "./demo-employees";

describe("the demo's employee list", () => {
  it("is exactly the sandbox's staff (regenerate with `npx tsx sandbox/demo-employees.ts`)", () => {
    const file = JSON.parse(readFileSync("config/employees.demo.json", "utf8")) as unknown;
    expect(file).toEqual(demoEmployees());
  });

  it("covers every demo school, with NEPRI identifiers and names", () => {
    const list = demoEmployees();
    expect(Object.keys(list).sort()).toEqual(["cbs-de-wegwijzer", "meridiaan-college", "obs-de-regenboog", "sg-de-horizon"]);
    for (const staff of Object.values(list)) {
      expect(staff.length).toBeGreaterThan(4);
      expect(new Set(staff.map((e) => e.userId)).size).toBe(staff.length);
      expect(staff.every((e) => e.userIdType === "NEPRI" && e.name.includes(" "))).toBe(true);
    }
  });
});
