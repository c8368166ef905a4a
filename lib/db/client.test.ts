import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { Writable } from "node:stream";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { useLogDestination } from "@/lib/log";
import { dropProcessStore, getStore, openStore } from "./client";
import { fillWithMigratedStore } from "./testing/fresh-store";

/** The process's error log lines (JSON) while a test runs, as "msg: cause". */
let errorLines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      const o = JSON.parse(line) as { msg: string; cause?: string };
      errorLines.push(`${o.msg}: ${o.cause ?? ""}`);
    }
    done();
  },
});

// Opening PGlite on disk and migrating it takes about 13 s on 2 quiet cores and over 45 s on busy ones.
const OPEN = { timeout: 120_000 };
let root: string;
const saved = { PGLITE_DIR: process.env.PGLITE_DIR, DATABASE_URL: process.env.DATABASE_URL };
beforeEach(async () => {
  errorLines = [];
  useLogDestination(sink, "error");
  root = mkdtempSync(path.join(tmpdir(), "ldb-store-"));
  await dropProcessStore();
  delete process.env.DATABASE_URL;
});
afterEach(async () => {
  await dropProcessStore();
  Object.assign(process.env, saved);
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
  vi.restoreAllMocks();
  useLogDestination(undefined);
  rmSync(root, { recursive: true, force: true });
});

it("opens the embedded store in a folder whose parents do not exist yet (a fresh clone has no .data/)", OPEN, async () => {
  const store = await openStore({ pgliteDir: path.join(root, ".data", "pglite"), databaseUrl: "" });
  const rows = await store.db.execute(sql`SELECT count(*)::int AS n FROM access_log`);
  expect(rows.rows).toEqual([{ n: 0 }]);
  await store.close();
});

it("does not keep a failed open: every waiting caller gets the error, the next use tries again", OPEN, async () => {
  // A file where a folder should be: the store cannot be made until it is gone.
  const blocker = path.join(root, "blocker");
  writeFileSync(blocker, "");
  process.env.PGLITE_DIR = path.join(blocker, "pglite");

  const first = getStore();
  const second = getStore();
  expect(second).toBe(first);
  await expect(first).rejects.toMatchObject({ code: "ENOTDIR" });
  expect(errorLines).toHaveLength(1);
  expect(errorLines[0]).toMatch(/^store could not be opened, will try again on next use: Error ENOTDIR: /);

  unlinkSync(blocker);
  // The folder's database is not this test's subject (the first test makes one from nothing): the run's migrated store.
  await fillWithMigratedStore(process.env.PGLITE_DIR);
  const store = await getStore();
  expect(store.kind).toBe("pglite");
  expect(await getStore()).toBe(store);
});

it("logs a failed PostgreSQL connection without its connection string", async () => {
  // Port 1 on loopback: refused at once.
  process.env.DATABASE_URL = "postgres://ldb_app:Zr8-very-secret@127.0.0.1:1/ldb";
  await expect(getStore()).rejects.toBeDefined();
  const line = errorLines.join("\n");
  expect(line).toMatch(/^store could not be opened, will try again on next use: \w+/);
  expect(line).toContain("ECONNREFUSED");
  expect(line).not.toContain("Zr8-very-secret");
  expect(line).not.toContain("postgres://");
  expect(line).not.toContain("ldb_app");
});
