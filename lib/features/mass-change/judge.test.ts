import { describe, expect, it } from "vitest";
import { judge } from "./judge";

describe("judging a whole-school answer's count against the baseline", () => {
  it("takes the first answer as it is: there is nothing to compare it with", () => {
    expect(judge(null, 0, 0.2)).toEqual({ kind: "first" });
    expect(judge(null, 1450, 0.2)).toEqual({ kind: "first" });
  });

  it("lets growth, an equal count and a loss up to the share pass", () => {
    expect(judge(200, 260, 0.2)).toEqual({ kind: "within" });
    expect(judge(200, 200, 0.2)).toEqual({ kind: "within" });
    expect(judge(200, 161, 0.2)).toEqual({ kind: "within" });
    // Exactly the share is not more than the share: 40 of 200 at 0.2, 3 of 10 at 0.3 (0.3 × 10 is 3.0000000000000004 in floating point).
    expect(judge(200, 160, 0.2)).toEqual({ kind: "within" });
    expect(judge(10, 7, 0.3)).toEqual({ kind: "within" });
  });

  it("holds a loss of more than the share, saying how many were lost", () => {
    expect(judge(200, 159, 0.2)).toEqual({ kind: "loss", lost: 41 });
    expect(judge(1450, 725, 0.2)).toEqual({ kind: "loss", lost: 725 });
    expect(judge(10, 6, 0.3)).toEqual({ kind: "loss", lost: 4 });
    expect(judge(204, 0, 0.2)).toEqual({ kind: "loss", lost: 204 });
  });

  it("never holds at a share of 1, and never against an empty baseline", () => {
    expect(judge(204, 0, 1)).toEqual({ kind: "within" });
    expect(judge(0, 0, 0.2)).toEqual({ kind: "within" });
    expect(judge(0, 10, 0.2)).toEqual({ kind: "within" });
  });
});
