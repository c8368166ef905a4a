import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ensureDir, readOrCreateFile } from "./local-files";

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "ldb-files-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it("makes a folder with every missing parent, and again without harm", () => {
  const dir = path.join(root, ".data", "keys", "deeper");
  ensureDir(dir);
  ensureDir(dir);
  expect(statSync(dir).isDirectory()).toBe(true);
});

it("creates a file under folders that do not exist yet, readable only by its owner, and keeps it", () => {
  const file = path.join(root, ".data", "keys", "secret");
  expect(readOrCreateFile(file, () => "first")).toBe("first");
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(readOrCreateFile(file, () => "second")).toBe("first");
  expect(readdirSync(path.dirname(file))).toEqual(["secret"]);
});

it("never replaces a file another process wrote between the check and the write", () => {
  const file = path.join(root, "k");
  // The maker runs after the existence check: write the file "from elsewhere" meanwhile.
  const value = readOrCreateFile(file, () => {
    readOrCreateFile(file, () => "theirs");
    return "mine";
  });
  expect(value).toBe("theirs");
  expect(readdirSync(root)).toEqual(["k"]);
});
