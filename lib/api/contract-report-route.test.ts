import { beforeAll, describe, expect, it } from "vitest";
import { GET as report } from "@/app/api/sources/contract-report/route";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { contractHealthRecorder } from "@/lib/runtime/contract-health-flush";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const BASE = "http://localhost:3000";

beforeAll(async () => {
  const { db } = await getStore();
  await db.insert(users).values({ id: "sup", email: "sup@regenboog.example", idpRoles: ["support:obs-de-regenboog"] });
  await db.insert(sessions).values({ sessionToken: "tok-sup", userId: "sup", expires: new Date(Date.now() + 3_600_000) });
});

const get = (query: string, lang?: "en") =>
  report(
    new Request(`${BASE}/api/sources/contract-report?${query}`, {
      headers: { cookie: `ldb.session=tok-sup${lang ? "; ldb.lang=en" : ""}` },
    }),
  );

describe("GET /api/sources/contract-report", () => {
  it("answers the Source's Markdown report as a download, with attempts made a moment ago (flushed before reading)", async () => {
    contractHealthRecorder().observe({
      sourceId: "las-a",
      operationId: "get-students-for-school",
      at: Date.now(),
      latencyMs: 44,
      httpStatus: 200,
      bytes: 123_456,
      report: {
        received: 204,
        kept: 201,
        invalid: { count: 3, paths: { givenName: 3 }, sampleIndexes: [51, 102, 153] },
        unknownEnumValues: {},
        normalized: {},
        leftOutItems: {},
      },
    });
    const res = await get("source=las-a");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="contractrapport-las-a-\d{4}-\d{2}-\d{2}\.md"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    expect(text).toContain("# Contractrapport: Leerlingadministratie Alfa");
    expect(text).toContain("| Records ontvangen | 204 |");
    expect(text).toContain("| Records weggelaten | 3 |");
    expect(text).toContain("| `givenName` | 3 |");
    expect(text).not.toContain("123456");
  });

  it("speaks English on request; a Source that was not called says so", async () => {
    const res = await get("source=lr-b", "en");
    expect(res.headers.get("content-disposition")).toMatch(/filename="contract-report-lr-b-/);
    expect(await res.text()).toContain("No calls to this Source in this period.");
  });

  it("refuses a Source that is not configured or serves none of the viewer's schools, and a malformed id", async () => {
    expect((await get("source=las-z")).status).toBe(400);
    // Configured, but serving none of the viewer's schools (am serves the VO schools only).
    expect((await get("source=am")).status).toBe(400);
    expect((await get("source=../etc")).status).toBe(400);
    expect((await get("")).status).toBe(400);
  });
});
