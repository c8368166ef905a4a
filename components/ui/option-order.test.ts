import { describe, expect, it } from "vitest";
import { byStudyYearThenCode, foldText, naturalCompare, narrowOptions, sortedByText } from "./option-order";

describe("option order", () => {
  it("compares codes as people read them: numbers by value", () => {
    expect(["10A", "2A", "1B"].sort(naturalCompare("nl"))).toEqual(["1B", "2A", "10A"]);
    expect(sortedByText(["Wiskunde 10", "wiskunde 3", "Aardrijkskunde"], (s) => s, "nl")).toEqual([
      "Aardrijkskunde",
      "wiskunde 3",
      "Wiskunde 10",
    ]);
  });

  it("orders offerings by study year, those without one last, then by code; the input stays as it was", () => {
    const offerings = [
      { id: "h10b" },
      { id: "v10a", studyYear: 10 },
      { id: "h2b", studyYear: 2 },
      { id: "v2a", studyYear: 2 },
      { id: "h1" },
    ];
    expect(byStudyYearThenCode(offerings, "nl").map((o) => o.id)).toEqual(["h2b", "v2a", "v10a", "h1", "h10b"]);
    expect(offerings[0]!.id).toBe("h10b");
  });

  it("searches without accents and case, every word typed, keeping the value in force", () => {
    expect(foldText("Één Française")).toBe("een francaise");
    const options = ["Frans 2", "Française 3", { value: "ne", label: "Nederlands 10" }];
    const groups = [
      { label: "Vakken", options: ["Frans 1"] },
      { label: "Leeg", options: ["Duits"] },
    ];
    expect(narrowOptions("  FRAN  ", "ne", options, groups)).toEqual({
      options: ["Frans 2", "Française 3", { value: "ne", label: "Nederlands 10" }],
      groups: [{ label: "Vakken", options: ["Frans 1"] }],
      found: 3,
    });
    expect(narrowOptions("francaise 3", "", options).options).toEqual(["Française 3"]);
    expect(narrowOptions("", "", options, groups)).toEqual({ options, groups, found: 5 });
  });
});
