import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { teeProcessOutput } from "./log-tee";

it("appends what the process writes to stdout and stderr to the file, once however often it is set up", () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "ldb-log-")), "server.log");
  expect(teeProcessOutput(file)).toBe(true);
  expect(teeProcessOutput(file)).toBe(false);
  process.stdout.write("tee: a line on stdout\n");
  process.stderr.write(Buffer.from("tee: a line on stderr\n"));
  expect(readFileSync(file, "utf8")).toBe("tee: a line on stdout\ntee: a line on stderr\n");
});
