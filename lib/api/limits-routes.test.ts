import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { POST as employeeAssignments } from "@/app/api/employees/assignments/route";
import { POST as employeeAssignmentsExport } from "@/app/api/employees/assignments/export/route";
import { GET as enrollments } from "@/app/api/enrollments/route";
import { POST as enrollmentsExport } from "@/app/api/enrollments/export/route";
import { POST as students } from "@/app/api/students/route";
import { GET as studentDetail } from "@/app/api/students/detail/route";
import { POST as studentsExport } from "@/app/api/students/export/route";
import { POST as reveal } from "@/app/api/students/reveal/route";
import { POST as usage } from "@/app/api/usage/route";
import { POST as coverage } from "@/app/api/usage/coverage/route";
import { POST as coverageExport } from "@/app/api/usage/coverage/export/route";
import { POST as diagnose } from "@/app/api/usage/diagnose/route";
import { POST as people } from "@/app/api/usage/people/route";
import { POST as headerSearch } from "@/app/api/search/route";
import { GET as dataQuality } from "@/app/api/data-quality/route";
import { POST as dataQualityExport } from "@/app/api/data-quality/export/route";
import { sessions, users } from "@/lib/db/auth-schema";
import { currentCaller } from "@/lib/sources/capacity/caller";
import { getStore } from "@/lib/db/client";
import type { UserLimitKind } from "@/lib/limits/numbers";
import { claimCoverageRun, resetProcessLimits } from "@/lib/limits/process-limits";
import type { ApiErrorBody } from "./errors";
import { CSRF_HEADER, staffRoute } from "./route";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const BASE = "http://localhost:3000";
const SCHOOL = "obs-de-regenboog";
const KEY = "0".repeat(32);
// Every Source call (token or data) is counted here and fails at once: a refused request must make none.
const sourceCalls = vi.fn(async () => {
  throw new TypeError("no network in this test");
});
const clock = { t: Date.UTC(2026, 2, 2, 13, 0, 0) }; // 14:00:00 in Amsterdam

beforeAll(async () => {
  vi.stubGlobal("fetch", sourceCalls);
  const { db } = await getStore();
  await db.insert(users).values({ id: "u1", email: "u1@school.example", idpRoles: [`schooladmin:${SCHOOL}`, `support:${SCHOOL}`] });
  await db.insert(sessions).values({ sessionToken: "tok-u1", userId: "u1", expires: new Date(Date.now() + 3_600_000) });
}, 120_000);
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => {
  resetProcessLimits({ now: () => clock.t });
  sourceCalls.mockClear();
});

type Handler = (req: Request) => Promise<Response>;
const headers = (lang?: "en") => ({
  cookie: `ldb.session=tok-u1${lang ? "; ldb.lang=en" : ""}`,
  [CSRF_HEADER]: "1",
  origin: BASE,
  "sec-fetch-site": "same-origin",
  "content-type": "application/json",
});
const call = (handler: Handler, path: string, body?: unknown, lang?: "en") =>
  handler(
    new Request(
      `${BASE}${path}${path.includes("?") ? "&" : "?"}school=${SCHOOL}`,
      body === undefined ? { headers: headers(lang) } : { method: "POST", headers: headers(lang), body: JSON.stringify(body) },
    ),
  );

/** Spends the user's whole bucket of one kind, as earlier requests would have. */
function drain(kind: UserLimitKind) {
  const { limiter, limits } = resetProcessLimits({ now: () => clock.t });
  for (let i = 0; i < limits[kind].capacity; i++) limiter.take({ key: `user:u1:${kind}`, rule: limits[kind] });
}

const ROUTES: Array<[string, Handler, string, unknown, UserLimitKind[]]> = [
  ["usage lookup", usage, "/api/usage", { studentKey: KEY }, ["lookup"]],
  ["usage lookup, asked again", usage, "/api/usage", { studentKey: KEY, refresh: true }, ["lookup", "refresh"]],
  ["people search", people, "/api/usage/people", { q: "ja" }, ["lookup"]],
  ["header search", headerSearch, "/api/search", { q: "ja" }, ["lookup"]],
  ["diagnosis", diagnose, "/api/usage/diagnose", { studentKey: KEY, productId: "p" }, ["lookup"]],
  ["employee assignments", employeeAssignments, "/api/employees/assignments", { employee: { userIdType: "ASI", userId: "x" } }, ["lookup"]],
  [
    "employee assignments, asked again",
    employeeAssignments,
    "/api/employees/assignments",
    { employee: { userIdType: "ASI", userId: "x" }, refresh: true },
    ["lookup", "refresh"],
  ],
  ["student reveal", reveal, "/api/students/reveal", { key: KEY }, ["lookup"]],
  ["student detail", studentDetail, `/api/students/detail?key=${KEY}`, undefined, ["lookup"]],
  ["students list", students, "/api/students", {}, []],
  ["students list, asked again", students, "/api/students", { refresh: true }, ["refresh"]],
  ["enrollments list, asked again", enrollments, "/api/enrollments?refresh=1", undefined, ["refresh"]],
  ["students export", studentsExport, "/api/students/export", {}, ["export"]],
  ["enrollments export", enrollmentsExport, "/api/enrollments/export", {}, ["export"]],
  [
    "employee assignments export",
    employeeAssignmentsExport,
    "/api/employees/assignments/export",
    { employee: { userIdType: "ASI", userId: "x" } },
    ["export"],
  ],
  ["coverage", coverage, "/api/usage/coverage", { subjectOfferingId: "ne-1a" }, ["coverage"]],
  ["coverage, asked again", coverage, "/api/usage/coverage", { subjectOfferingId: "ne-1a", refresh: true }, ["coverage", "refresh"]],
  ["coverage export", coverageExport, "/api/usage/coverage/export", { subjectOfferingId: "ne-1a" }, ["export"]],
  ["data quality", dataQuality, "/api/data-quality", undefined, []],
  ["data quality, asked again", dataQuality, "/api/data-quality?refresh=1", undefined, ["refresh"]],
  ["data-quality export", dataQualityExport, "/api/data-quality/export", { check: "no_eck" }, ["export"]],
];
const KINDS: UserLimitKind[] = ["lookup", "refresh", "export", "coverage"];

describe("per-user limits on the routes that make Source calls or heavy work", () => {
  it.each(ROUTES)(
    "%s: refused with 429 and no Source call exactly when a bucket it spends from is empty",
    async (_label, handler, path, body, kinds) => {
      for (const kind of KINDS) {
        drain(kind);
        sourceCalls.mockClear();
        const res = await call(handler, path, body);
        if (kinds.includes(kind)) {
          expect([kind, res.status]).toEqual([kind, 429]);
          expect(((await res.json()) as ApiErrorBody).error.code).toBe("rate_limited");
          expect(sourceCalls).not.toHaveBeenCalled();
        } else {
          expect([kind, res.status]).not.toEqual([kind, 429]);
          await res.body?.cancel();
        }
      }
    },
  );

  it("a burst of 40 lookups: exactly 30 served, 10 refused, no work past the 30th; the message names the time of day", async () => {
    let upstream = 0;
    const lookup = staffRoute({ action: "usage.read", limits: ["lookup"] }, async () => ({ json: { n: ++upstream } }));
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await call(lookup, "/x")).status);
    expect([statuses.filter((s) => s === 200).length, statuses.filter((s) => s === 429).length, upstream]).toEqual([30, 10, 30]);
    const refused = await call(lookup, "/x");
    expect(refused.headers.get("retry-after")).toBe("2"); // 30 a minute: one every 2 s
    expect(await refused.json()).toEqual({
      error: {
        code: "rate_limited",
        message: "U heeft dit kort na elkaar te vaak gevraagd; probeer het opnieuw om 14:00:02.",
        retryAt: "2026-03-02T13:00:02.000Z",
      },
    });
    const en = (await (await call(lookup, "/x", undefined, "en")).json()) as ApiErrorBody;
    expect(en.error.message).toBe("You asked for this too often in a short time; try again at 14:00:02.");
    clock.t += 2_000;
    expect((await call(lookup, "/x")).status).toBe(200);
    expect((await call(lookup, "/x")).status).toBe(429);
  });

  it("refusals spend nothing: a user out of refreshes can still look up without asking again", async () => {
    drain("refresh");
    const lookup = staffRoute(
      {
        action: "usage.read",
        body: z.object({ refresh: z.boolean() }),
        limits: ({ body }) => (body.refresh ? ["lookup", "refresh"] : ["lookup"]),
      },
      async () => ({ json: {} }),
    );
    for (let i = 0; i < 5; i++) expect((await call(lookup, "/x", { refresh: true })).status).toBe(429);
    const served = await Promise.all(Array.from({ length: 31 }, () => call(lookup, "/x", { refresh: false })));
    expect(served.map((r) => r.status).filter((s) => s === 200)).toHaveLength(30);
  });

  it("one coverage run at a time per user: a second is refused (429, no Source call) until the first ends", async () => {
    const running = claimCoverageRun("u1")!;
    for (const [handler, path] of [
      [coverage, "/api/usage/coverage"],
      [coverageExport, "/api/usage/coverage/export"],
    ] as const) {
      const res = await call(handler, path, { subjectOfferingId: "ne-1a" }, "en");
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(((await res.json()) as ApiErrorBody).error).toMatchObject({
        code: "coverage_running",
        message: "You already have a coverage run going; start a new one when it has finished or was cancelled.",
      });
    }
    expect(sourceCalls).not.toHaveBeenCalled();
    running();
    // This run fails at once (no Source answers), and its end frees the slot again for the next.
    for (let i = 0; i < 2; i++) {
      const res = await call(coverage, "/api/usage/coverage", { subjectOfferingId: "ne-1a" });
      expect(res.status).not.toBe(429);
      await res.text();
    }
    expect(claimCoverageRun("u1")).toBeTypeOf("function");
  });

  it("a handler's Source calls wait their turn as the staff member's (the caller the wrapper sets)", async () => {
    const who = staffRoute({ action: "usage.read" }, async () => ({ json: { caller: await Promise.resolve().then(currentCaller) } }));
    expect(await (await call(who, "/x")).json()).toEqual({ caller: "staff:u1" });
    expect(currentCaller()).toBe("background");
  });
});
