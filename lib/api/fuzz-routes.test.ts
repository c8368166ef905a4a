import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { DATA_QUALITY_CHECK_IDS, LICENCE_CHECK_IDS } from "@/lib/contracts/data-quality";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { saveKnownEmployee } from "@/lib/db/employees";
import { resetProcessLimits } from "@/lib/limits/process-limits";
import { CSRF_HEADER } from "./route";
import { ROUTE_TABLE } from "./route-table";
import { keyOf, mutate, rawBody } from "./testing/fuzz-inputs";
import { EMPLOYEES, MockSources, ROSTER, ROSTER_CLASS, SECRET_IDENTIFIERS, sourceCase, type SourceCase } from "./testing/fuzz-sources";

// The Source client retries a failed call (the same 3 attempts) after 100 ms, 200 ms… of backoff:
// here after 1 ms, 2 ms… (read when the runtime is made, at the first request). The fuzz is about what
// the routes answer, not about waiting; with the real waits its 10,250 requests (then) spent some 80 s of a
// 150 s run asleep between attempts.
process.env.LDB_RETRY_DELAY_MS = "1";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
process.env.LDB_REFERENCE_DATE = "2026-03-02";
// Nothing kept: every request that gets past its checks asks the Sources.
process.env.BFF_CACHE_TTL_SECONDS = "0";
process.env.USAGE_CACHE_TTL_SECONDS = "0";
// Each case's LAS answer is drawn at random, so one whole-school answer is often far smaller than the one
// before (random records, then the roster). At the default share the mass-change guard would keep serving
// the largest answer seen, often random records, and the roster's keys would stop finding their pupils. At
// 0.9 it still holds an answer that lost nearly everything (an empty list after the roster), so the fuzz
// meets held lists too; lib/features/mass-change tests the guard itself.
process.env.LDB_MASS_CHANGE_SHARE = "0.9";

/**
 * Fuzz: random queries and bodies at every BFF route, each request signed in as one of four staff
 * members holding one role each, while the Sources answer at random (the school's real roster,
 * valid empty lists, random JSON, records with the seed's field names and random values, garbage,
 * 4xx/5xx, StatusResponses, failed connections, a token endpoint that is down). Person keys are the
 * ones the app issued for the roster and the employee list, mixed with made-up ones.
 *
 * Whatever comes in, the answer is never a 500, never a 5xx but the gateway shape when a Source
 * failed, never a stack trace, never a full person identifier (outside the reveal route). And the
 * fuzz must have done its work: per route a minimum share of requests got past the checks, the
 * routes that read Sources called them, and the failing token endpoint was reached.
 * The figure: RUNS_PER_ROUTE × routes requests (≥ 10,000), printed with a table per route.
 */
// The quick loop (FC_NUM_RUNS set, scripts/test-quick.mjs) asks 150 per route: enough for the shares and
// reach checks above to be met with this seed, a third of the time.
const RUNS_PER_ROUTE = Number(process.env.LDB_FUZZ_RUNS ?? (process.env.FC_NUM_RUNS ? 150 : 410));
const BASE = "http://localhost:3000";
const OWN = "obs-de-regenboog";

/**
 * A status that says the request was stopped at the door: no session, no right, input refused or too
 * large. Anything else (200, 201, 404 for a key that is not there, 409, a gateway 502…) means the
 * handler's own work ran.
 */
const STOPPED = new Set([400, 401, 403, 413, 422]);

/**
 * The minimum share of a route's requests that must get past the door. Per case the fuzz signs in
 * with a role meant for the route 4 times in 5 (and with any of the four otherwise), asks for its
 * own school 6 times in 7, and sends the template's valid input about 4 times in 6 (one in five
 * bodies is raw garbage besides): for a body route that is about 0.85 × 0.86 × 0.53 ≈ 0.39, for a
 * route without input more (measured with the fixed seed: 34–84 %). 0.25 leaves room for the chance
 * of 410 draws (σ ≈ 0.024), yet a route that refused every request (or nearly every: a schema that
 * no longer accepts the template, a wrong role check, a session that no longer reads) falls far below it.
 */
const MIN_PAST_DOOR = 0.25;
/**
 * A route that reads Sources must have asked each Source it needs in this share of its requests.
 * Expected: past the door × the LAS sends the roster (3 in 4) × the key is real (3 in 4) × the token
 * works, about 0.17 for the routes that reach a Licentieregistratie through a pupil's key (measured:
 * 17 %; 26–67 % for the LAS). 0.1 is 3σ below that, and far above what a route stuck at the door, or
 * at a key that never resolves, gets (0).
 */
const MIN_SOURCE_CALLS = 0.1;

const SESSION_OF = (role: Role) => `tok-fuzz-${role}`;

type Keys = { student: fc.Arbitrary<string>; employee: fc.Arbitrary<string>; consentRef: fc.Arbitrary<string> };
type Consent = { providerId: string; api: string; scopes: string[] };
type Template = {
  /** Who uses the route, chosen by hand (the roles the pages give it to): 4 of 5 cases sign in as one of these. */
  as: readonly Role[];
  /**
   * What the route must have reached: the LAS of the school (by its id in config/sources.demo.json),
   * a Licentieregistratie (either), the token endpoint alone (the Sources page asks for tokens, not data).
   * A route that reaches any of them must also have met the failing token endpoint.
   */
  asks?: Array<"las-a" | "lr" | "token">;
  query?: Record<string, fc.Arbitrary<unknown>>;
  body?: Record<string, fc.Arbitrary<unknown>>;
};
const c = fc.constant;
const SCHOOLADMIN = ["schooladmin"] as const;
const USAGE = ["support", "schooladmin"] as const;

const templates = (k: Keys, consent: Consent): Record<string, Template> => ({
  "POST /api/students": {
    as: SCHOOLADMIN,
    asks: ["las-a"],
    body: { q: fc.constantFrom("ja", "", "de v"), pageSize: c(10), sort: c("name"), dir: c("desc"), page: c(1) },
  },
  "POST /api/students/export": { as: SCHOOLADMIN, asks: ["las-a"], body: { q: c(""), sort: c("familyName") } },
  "GET /api/students/detail": { as: SCHOOLADMIN, asks: ["las-a"], query: { key: k.student } },
  "POST /api/students/reveal": { as: SCHOOLADMIN, asks: ["las-a"], body: { key: k.student } },
  "GET /api/students/avg": { as: ["auditor"], asks: ["las-a"], query: { key: k.student } },
  "GET /api/enrollments": { as: SCHOOLADMIN, asks: ["las-a"], query: { page: c("1"), pageSize: c("50"), includeToBeDeleted: c("1") } },
  "GET /api/enrollments/options": { as: SCHOOLADMIN, asks: ["las-a"] },
  "POST /api/enrollments/export": { as: SCHOOLADMIN, asks: ["las-a"], body: {} },
  "POST /api/employees/assignments": { as: SCHOOLADMIN, asks: ["las-a"], body: { employeeKey: k.employee } },
  "POST /api/employees/assignments/export": {
    as: SCHOOLADMIN,
    asks: ["las-a"],
    body: { employee: c({ userIdType: "ASI", userId: "MDW40417" }) },
  },
  "GET /api/employees": { as: SCHOOLADMIN },
  "POST /api/employees": { as: SCHOOLADMIN, body: { employee: c({ userIdType: "ASI", userId: "x" }), name: c("A. Docent") } },
  "POST /api/employees/remove": { as: SCHOOLADMIN, body: { key: k.employee } },
  "POST /api/usage": { as: USAGE, asks: ["lr"], body: { studentKey: k.student } },
  "POST /api/usage/people": { as: USAGE, asks: ["las-a"], body: { q: fc.constantFrom("ja", "Docent", "vries") } },
  "GET /api/usage/options": { as: USAGE, asks: ["las-a"] },
  "POST /api/search": { as: USAGE, asks: ["las-a"], body: { q: fc.constantFrom("ja", "Docent", "vries") } },
  "POST /api/usage/diagnose": { as: USAGE, asks: ["lr"], body: { studentKey: k.student, productId: c("p") } },
  "POST /api/usage/coverage": { as: USAGE, asks: ["las-a", "lr"], body: { subjectOfferingId: c(ROSTER_CLASS) } },
  "POST /api/usage/coverage/export": { as: USAGE, asks: ["las-a", "lr"], body: { subjectOfferingId: c(ROSTER_CLASS) } },
  "GET /api/consent": { as: ["consent"], query: { status: c("sent") } },
  "POST /api/consent": {
    as: ["consent"],
    body: { providerId: c(consent.providerId), api: c(consent.api), scopes: c(consent.scopes), send: fc.boolean() },
  },
  "POST /api/consent/send": { as: ["consent"], body: { consumerReferenceId: k.consentRef } },
  "GET /api/consent/history": { as: ["consent"], query: { id: k.consentRef } },
  "POST /api/consent/withdraw": {
    as: ["consent"],
    body: { providerId: c(consent.providerId), api: c(consent.api), reason: c("De school stopt met deze bron.") },
  },
  // No `asks`: a pair is asked at most once per 30 s (the answer just given stands), so the Source is reached once here;
  // lib/features/consent/live-check.test.ts asks it every way.
  "POST /api/consent/check": { as: ["consent"], body: { providerId: c(consent.providerId), api: c(consent.api) } },
  "GET /api/sources": { as: ROLES, asks: ["token"] },
  "GET /api/sources/contract-report": { as: ROLES, query: { source: c("las-a") } },
  "GET /api/access-log": { as: ["auditor"], query: { from: c("2026-01-01") } },
  "GET /api/data-quality": { as: USAGE, asks: ["las-a"], query: { refresh: c("1") } },
  // A licence check's CSV comes from the school's finished scan (409 without one, no Source asked).
  "POST /api/data-quality/export": {
    as: USAGE,
    asks: ["las-a"],
    body: { check: fc.constantFrom(...DATA_QUALITY_CHECK_IDS, ...LICENCE_CHECK_IDS) },
  },
  "GET /api/data-quality/scan": { as: USAGE },
  // No `asks`: the first start reads the LAS, then the scan runs in the background and every later start answers
  // with the running one without asking anything; lib/api/data-quality-scan-route.test.ts reads the LAS every way.
  "POST /api/data-quality/scan": { as: USAGE, body: {} },
  "POST /api/data-quality/scan/cancel": { as: USAGE, body: {} },
  // The guard's state in the store: no Source is asked. Accepting, when a change waits, only moves counts.
  "GET /api/data-quality/mass-change": { as: USAGE },
  "POST /api/data-quality/mass-change/accept": {
    as: SCHOOLADMIN,
    body: { list: fc.constantFrom("students", "enrollments"), now: fc.constantFrom(undefined, 0, 3) },
  },
});

let mock = new MockSources();
const stubFetch = vi.fn((input: RequestInfo | URL) => mock.fetch(input));
const calm: SourceCase = { answers: [], roster: true, token: "fresh", tokenDown: () => new Response(null, { status: 503 }) };

type Handler = (req: Request) => Promise<Response>;
const handlerOf = async (route: (typeof ROUTE_TABLE)[number]) =>
  ((await import(`@/app${route.path}/route`)) as Record<string, Handler>)[route.method]!;
const ask = (route: (typeof ROUTE_TABLE)[number], role: Role, opts: { query?: URLSearchParams; body?: string } = {}) => {
  const params = opts.query ?? new URLSearchParams({ school: OWN });
  return handlerOf(route).then((h) =>
    h(
      new Request(`${BASE}${route.path}?${params}`, {
        method: route.method,
        headers: { cookie: `ldb.session=${SESSION_OF(role)}`, [CSRF_HEADER]: "1", origin: BASE, "content-type": "application/json" },
        body: opts.body,
      }),
    ),
  );
};
const routeOf = (name: string) => ROUTE_TABLE.find((r) => `${r.method} ${r.path}` === name)!;

/** Keys the app issued, read from its own answers before the fuzz starts. */
const issued = { students: [] as string[], employees: [] as string[], consentRefs: [] as string[] };
let consentTemplate: Consent;

beforeAll(async () => {
  vi.stubGlobal("fetch", stubFetch);
  const { db } = await getStore();
  for (const role of ROLES) {
    await db.insert(users).values({ id: `fuzz-${role}`, email: `fuzz-${role}@school.example`, idpRoles: [`${role}:${OWN}`] });
    await db
      .insert(sessions)
      .values({ sessionToken: SESSION_OF(role), userId: `fuzz-${role}`, expires: new Date(Date.now() + 24 * 3_600_000) });
  }
  // The student list as the page asks for it, with the LAS sending the roster.
  mock.begin(calm);
  const list = await ask(routeOf("POST /api/students"), "schooladmin", { body: JSON.stringify({ pageSize: 200 }) });
  expect(list.status).toBe(200);
  issued.students = ((await list.json()) as { rows: Array<{ key: string }> }).rows.map((r) => r.key);
  expect(issued.students).toHaveLength(ROSTER.length);
  for (const e of EMPLOYEES) {
    const res = await ask(routeOf("POST /api/employees"), "schooladmin", { body: JSON.stringify(e) });
    expect(res.status).toBe(201);
    issued.employees.push(((await res.json()) as { key: string }).key);
  }
  // A consent request as the consent page offers it: the first Provider's first API with the scopes it needs.
  const overview = await ask(routeOf("GET /api/consent"), "consent");
  expect(overview.status).toBe(200);
  const provider = ((await overview.json()) as { providers: Array<{ id: string; apis: Array<{ api: string; needed: string[] }> }> })
    .providers[0]!;
  consentTemplate = { providerId: provider.id, api: provider.apis[0]!.api, scopes: provider.apis[0]!.needed };
  for (let i = 0; i < 3; i++) {
    const res = await ask(routeOf("POST /api/consent"), "consent", { body: JSON.stringify({ ...consentTemplate, send: false }) });
    expect(res.status).toBe(201);
    issued.consentRefs.push(((await res.json()) as { consumerReferenceId: string }).consumerReferenceId);
  }
  mock = new MockSources(); // the fuzz's counts start here
}, 120_000);
afterAll(() => vi.unstubAllGlobals());

/**
 * No stack trace ever; below 500 always, except the gateway answers (502, 503, 504) in the one error
 * shape when a Source really failed: what the page then shows is the Source's fault, named.
 */
function honest(status: number, text: string, sourceBroke: boolean): boolean {
  if (STACK.test(text)) return false;
  if (status < 500) return true;
  if (!sourceBroke || ![502, 503, 504].includes(status)) return false;
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return typeof body.error?.code === "string" && typeof body.error.message === "string";
  } catch {
    return false;
  }
}

const STACK = /\n\s+at |node_modules|\.tsx?:\d+|webpack|Error: .*\n/;

type Tally = {
  requests: number;
  pastDoor: number;
  askedSources: number;
  tokenDownReached: number;
  sourceCalls: Map<string, number>;
  ms: number;
};

describe("fuzz: every BFF route, random queries and bodies, random Source answers", () => {
  it(`no 5xx and no stack trace in ${RUNS_PER_ROUTE} requests per route, and every route's work reached`, async () => {
    let requests = 0;
    let withBrokenSource = 0;
    const statuses = new Map<number, number>();
    const bad: string[] = [];
    const tokensKept: string[] = [];
    let revealed = 0;
    const tallies = new Map<string, Tally>();
    const byHand = templates(
      { student: keyOf(issued.students), employee: keyOf(issued.employees), consentRef: keyOf(issued.consentRefs) },
      consentTemplate,
    );
    const { db } = await getStore();
    for (const route of ROUTE_TABLE) {
      const name = `${route.method} ${route.path}`;
      const template = byHand[name];
      expect(template, `${name} has a template`).toBeDefined();
      const handler = await handlerOf(route);
      const tally: Tally = { requests: 0, pastDoor: 0, askedSources: 0, tokenDownReached: 0, sourceCalls: new Map(), ms: 0 };
      const started = performance.now();
      tallies.set(name, tally);
      const input = fc.record({
        role: fc.oneof({ arbitrary: fc.constantFrom(...template!.as), weight: 4 }, { arbitrary: fc.constantFrom(...ROLES), weight: 1 }),
        query: mutate(template!.query ?? {}),
        school: fc.oneof(
          { arbitrary: fc.constant(OWN), weight: 6 },
          fc.constantFrom("", "meridiaan-college", "x".repeat(300), "obs-de-regenboog&school=meridiaan-college"),
        ),
        body:
          route.method === "GET"
            ? fc.constant(undefined)
            : fc.oneof({ arbitrary: mutate(template!.body ?? {}).map((b) => JSON.stringify(b)), weight: 4 }, rawBody),
        sources: sourceCase,
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ role, query, school, body, sources }) => {
          resetProcessLimits();
          // A real key stays real: an employee the previous case took off the list is put back.
          if (name === "POST /api/employees/remove")
            for (const e of EMPLOYEES) await saveKnownEmployee(db, { schoolId: OWN, ...e.employee, name: e.name, addedBy: "fuzz" });
          mock.begin(sources);
          const params = new URLSearchParams();
          for (const [k, v] of Object.entries(query)) params.append(k, typeof v === "string" ? v : (JSON.stringify(v) ?? ""));
          params.set("school", school);
          const res = await handler(
            new Request(`${BASE}${route.path}?${params}`, {
              method: route.method,
              headers: { cookie: `ldb.session=${SESSION_OF(role)}`, [CSRF_HEADER]: "1", origin: BASE, "content-type": "application/json" },
              body,
            }),
          );
          const text = await res.text();
          requests++;
          tally.requests++;
          if (!STOPPED.has(res.status)) tally.pastDoor++;
          if (mock.caseSources.size) tally.askedSources++;
          if (mock.caseTokenFailed) tally.tokenDownReached++;
          for (const s of mock.caseSources) tally.sourceCalls.set(s, (tally.sourceCalls.get(s) ?? 0) + 1);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (!honest(res.status, text, mock.caseBroke))
            bad.push(`${name} → ${res.status}${mock.caseBroke ? " (a Source failed)" : ""}: ${text.slice(0, 200)}`);
          const shown = SECRET_IDENTIFIERS.find((id) => text.includes(id));
          if (shown && name === "POST /api/students/reveal") revealed++;
          else if (shown) bad.push(`${name} → ${res.status}: a full identifier (…${shown.slice(-8)}) in the answer`);
          if (mock.caseBroke) withBrokenSource++;
          // A case that dropped the tokens and then asked a Source must have fetched a token: otherwise forgetTokens missed one.
          if (sources.token !== "cached" && mock.caseSources.size && !mock.caseTokenCalls)
            tokensKept.push(`${name}: a Source asked with a token kept`);
          return true; // every case runs; what went wrong is listed below, all of it
        }),
        { numRuns: RUNS_PER_ROUTE, seed: 20261130 },
      );
      tally.ms = performance.now() - started;
    }

    const pct = (n: number, of: number) => `${Math.round((100 * n) / Math.max(1, of))}%`;
    const rows = [...tallies].map(
      ([name, t]) =>
        `  ${name.padEnd(34)} past the door ${pct(t.pastDoor, t.requests).padStart(4)}  asked a Source ${pct(t.askedSources, t.requests).padStart(4)}  token down reached ${String(t.tokenDownReached).padStart(3)}  ${(t.ms / 1000).toFixed(1).padStart(5)} s  ${[...t.sourceCalls].map(([s, n]) => `${s}×${n}`).join(" ")}`,
    );
    const byStatus = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(", ");
    console.log(
      [
        `fuzz: ${requests} requests over ${ROUTE_TABLE.length} routes (${withBrokenSource} while a Source failed; ${byStatus}), ${bad.length} with a stack trace, a 500, a 5xx not caused by a Source or a full identifier`,
        `Source calls: ${[...mock.calls].map(([s, n]) => `${s}×${n}`).join(", ")}; token endpoint asked ${mock.tokenCalls}×, failing ${mock.tokenFailures}×; identifiers revealed ${revealed}×`,
        ...rows,
      ].join("\n"),
    );

    expect(bad).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(Math.min(10_000, RUNS_PER_ROUTE * ROUTE_TABLE.length));
    // The fuzz did its work: per route past the door, the Sources asked, the failing token endpoint met.
    const shallow = [...tallies]
      .filter(([, t]) => t.pastDoor / t.requests < MIN_PAST_DOOR)
      .map(([name, t]) => `${name}: ${pct(t.pastDoor, t.requests)} past the door`);
    expect(shallow, `routes where fewer than ${MIN_PAST_DOOR * 100}% of the requests got past the checks`).toEqual([]);
    const unasked: string[] = [];
    for (const [name, t] of tallies) {
      for (const want of (byHand[name]!.asks ?? []).filter((a) => a !== "token")) {
        const asked = [...t.sourceCalls]
          .filter(([s]) => s === want || (want === "lr" && s.startsWith("lr-")))
          .reduce((max, [, n]) => Math.max(max, n), 0);
        if (asked / t.requests < MIN_SOURCE_CALLS) unasked.push(`${name}: ${want} asked in ${pct(asked, t.requests)} of the requests`);
      }
      if (byHand[name]!.asks && t.tokenDownReached === 0) unasked.push(`${name}: the failing token endpoint never reached`);
    }
    expect(unasked, "routes that should read Sources but did not get to them").toEqual([]);
    expect(tokensKept).toEqual([]);
    // The identifiers do reach answers where they belong, so their absence elsewhere means something.
    expect(revealed).toBeGreaterThan(0);
    expect(mock.calls.get("las-a") ?? 0).toBeGreaterThan(0);
    expect((mock.calls.get("lr-a") ?? 0) + (mock.calls.get("lr-b") ?? 0)).toBeGreaterThan(0);
    expect(mock.tokenFailures).toBeGreaterThan(0);
  }, 900_000);
});
