import { expect, it } from "vitest";
import { safeErrorText } from "./safe-error";

it("names the class, code and message of an error and of its causes", () => {
  const cause = Object.assign(new Error("ENOENT: no such file or directory, mkdir '/srv/ldb/.data/pglite'"), { code: "ENOENT" });
  class DrizzleQueryError extends Error {}
  const err = new DrizzleQueryError('Failed query: CREATE SCHEMA IF NOT EXISTS "drizzle"', { cause });
  expect(safeErrorText(err, [])).toBe(
    "DrizzleQueryError: Failed query: CREATE SCHEMA IF NOT EXISTS \"drizzle\" ← caused by Error ENOENT: ENOENT: no such file or directory, mkdir '/srv/ldb/.data/pglite'",
  );
});

it("never shows a connection string or a password", () => {
  const url = "postgres://ldb_app:Zr8-very-secret@db.school.example:5432/ldb";
  const err = new Error(`could not connect to ${url}`, {
    cause: new Error("host=db.school.example password=Zr8-very-secret sslmode=require"),
  });
  const text = safeErrorText(err, [url]);
  expect(text).not.toContain("Zr8-very-secret");
  expect(text).not.toContain("postgres://");
  expect(text).toBe("Error: could not connect to <redacted> ← caused by Error: host=db.school.example password=<redacted> sslmode=require");
  // Without knowing the URL, the pattern still takes it out.
  expect(safeErrorText(new Error(`bad ${url}`), [])).toBe("Error: bad <url>");
});

it("keeps one line and a bounded length", () => {
  const text = safeErrorText(new Error(`a\nb ${"x".repeat(1000)}`), []);
  expect(text).not.toContain("\n");
  expect(text.length).toBeLessThan(300);
});

it("says only the type of something thrown that is not an Error", () => {
  expect(safeErrorText("postgres://u:p@h/db", [])).toBe("string");
});
