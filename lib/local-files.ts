import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The folders and files the dashboard keeps under .data/ (the embedded store, the demo's keys and
 * secrets). A fresh clone has no .data/ at all, so every folder is made with all its parents.
 */
export function ensureDir(dir: string, mode = 0o700): void {
  mkdirSync(dir, { recursive: true, mode });
}

/**
 * Reads a file, first creating it with `make()` when it does not exist. Several processes may start
 * at once (the demo's dashboard and its workers): each writes its own temporary file and links it
 * into place, which fails when another got there first, so every process reads the same complete
 * contents, never a half-written file and never one that a later writer replaced.
 */
export function readOrCreateFile(file: string, make: () => string | Buffer): string {
  const full = path.resolve(/*turbopackIgnore: true*/ file);
  if (!existsSync(full)) {
    ensureDir(path.dirname(full));
    const tmp = `${full}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    writeFileSync(tmp, make(), { mode: 0o600, flag: "wx" });
    try {
      linkSync(tmp, full);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      unlinkSync(tmp);
    }
  }
  return readFileSync(full, "utf8");
}
