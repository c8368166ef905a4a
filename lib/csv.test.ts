import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes separators, quotes and newlines, with CRLF rows and a BOM", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x,y", 'say "hi"'],
          ["line\nbreak", 3],
        ],
      ),
    ).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",3\r\n');
  });

  it("defuses cells that would run as a formula", () => {
    expect(
      toCsv(["n"], [['=HYPERLINK("x")'], ["+31"], ["-1"], ["@SUM(A1)"]])
        .split("\r\n")
        .slice(1, 5),
    ).toEqual(['"\'=HYPERLINK(""x"")"', "'+31", "'-1", "'@SUM(A1)"]);
  });

  it("writes empty cells for missing values", () => {
    expect(toCsv(["a", "b"], [[undefined, null]])).toBe("\uFEFFa,b\r\n,\r\n");
  });
});
