import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ROLES } from "@/lib/auth/permissions";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { resetProcessLimits } from "@/lib/limits/process";
import { CSRF_HEADER } from "./route";
import { ROUTE_TABLE } from "./route-table";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
process.env.LDB_REFERENCE_DATE = "2026-03-02";
// Nothing kept: every request that gets past its checks asks the Sources.
process.env.BFF_CACHE_TTL_SECONDS = "0";
process.env.USAGE_CACHE_TTL_SECONDS = "0";

/**
 * Fuzz: random queries and bodies at every BFF route, signed in with every role at the school, while
 * the Sources answer at random (valid empty lists, random JSON, records with the seed's field names
 * and random values, garbage, 4xx/5xx, StatusResponses, failed connections, a failing token
 * endpoint). Whatever comes in, the answer is never a 5xx and never carries a stack trace.
 * The figure: RUNS_PER_ROUTE × routes requests (≥ 10,000), printed.
 */
const RUNS_PER_ROUTE = Number(process.env.LDB_FUZZ_RUNS ?? 410);
const BASE = "http://localhost:3000";
const OWN = "obs-de-regenboog";
const KEY = "0123456789abcdef0123456789abcdef";

const TEMPLATES: Record<string, { query?: Record<string, string>; body?: Record<string, unknown> }> = {
  "POST /api/students": { body: { q: "ja", pageSize: 10, sort: "name", dir: "desc", page: 1 } },
  "POST /api/students/export": { body: { q: "", sort: "familyName" } },
  "GET /api/students/detail": { query: { key: KEY } },
  "POST /api/students/reveal": { body: { key: KEY } },
  "GET /api/enrollments": { query: { page: "1", pageSize: "50", includeToBeDeleted: "1" } },
  "GET /api/enrollments/options": {},
  "POST /api/enrollments/export": { body: {} },
  "POST /api/assignments": { body: { employee: { userIdType: "ASI", userId: "x" } } },
  "POST /api/assignments/export": { body: { employee: { userIdType: "ASI", userId: "x" } } },
  "GET /api/employees": {},
  "POST /api/employees": { body: { employee: { userIdType: "ASI", userId: "x" }, name: "A. Docent" } },
  "POST /api/employees/remove": { body: { key: KEY } },
  "POST /api/usage": { body: { studentKey: KEY } },
  "POST /api/usage/people": { body: { q: "ja" } },
  "GET /api/usage/options": {},
  "POST /api/usage/diagnose": { body: { studentKey: KEY, productId: "p" } },
  "POST /api/usage/coverage": { body: { subjectOfferingId: "ne-1a" } },
  "POST /api/usage/coverage/export": { body: { subjectOfferingId: "ne-1a" } },
  "GET /api/consent": { query: { status: "sent" } },
  "POST /api/consent": { body: { providerId: "lr-a", api: "licenses", scopes: [] } },
  "POST /api/consent/send": { body: { consumerReferenceId: "x" } },
  "GET /api/consent/history": { query: { id: "x" } },
  "GET /api/sources": {},
  "GET /api/sources/contract-report": { query: { source: "las-a" } },
  "GET /api/access-log": { query: { from: "2026-01-01" } },
};

const FIELDS = ["userMasterIdentifier", "organisationMasterIdentifier", "userIds", "organisationIds", "givenName", "familyName", "birthDate",
  "dateOfBirth", "studentId", "schoolPeriodId", "endDate", "startDate", "entitlements", "status", "entitlementStatus", "productId", "dateLastModified"];
const weird = fc.oneof(fc.jsonValue(), fc.constantFrom("", " ", null, [], {}, "0022", "../../etc/passwd", "%00", "<script>", "a&b=c", "\u202e", "9".repeat(400), -1, 1e308, 2 ** 53 + 1));
const record = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 })), weird, { maxKeys: 8 });

/** One answer of a Source, drawn at random; `broken` when no Source could be asked to send it. */
type Answer = { broken: boolean; send: () => Response };
const ok = (send: () => Response): Answer => ({ broken: false, send });
const broken = (send: () => Response): Answer => ({ broken: true, send });
const answer = fc.oneof(
  fc.constant(ok(() => Response.json([]))),
  fc.array(record, { maxLength: 6 }).map((rows) => ok(() => Response.json(rows))),
  fc.jsonValue().map((v) => broken(() => Response.json(v))),
  fc.record({ status: fc.constantFrom("0021", "0022", "0023", 21, 22, "9999", ""), message: fc.string() }).chain((s) =>
    fc.constantFrom(400, 401, 403, 404, 405, 409).map((code) => broken(() => Response.json(s, { status: code })))),
  fc.constantFrom(500, 502, 503, 504).map((code) => broken(() => new Response("upstream broke", { status: code }))),
  fc.constant(broken(() => new Response("{\"truncated\": [", { status: 200, headers: { "content-type": "application/json" } }))),
  fc.constant(broken(() => new Response("<html>not json</html>", { status: 200 }))),
  fc.constant(broken((): Response => { throw new TypeError("fetch failed (connection reset)"); })),
);

let script: Answer[] = [];
let sourceBroke = false;
const sourceFetch = vi.fn(async (input: RequestInfo | URL) => {
  const url = String(input instanceof Request ? input.url : input);
  if (url.endsWith("/oauth2/token")) {
    if (script.length % 11 !== 5) return Response.json({ access_token: "fuzz-token", token_type: "Bearer", expires_in: 3600 });
    sourceBroke = true;
    return new Response("down", { status: 503 });
  }
  const next = script.shift() ?? ok(() => Response.json([]));
  sourceBroke ||= next.broken;
  return next.send();
});

beforeAll(async () => {
  vi.stubGlobal("fetch", sourceFetch);
  const { db } = await getStore();
  await db.insert(users).values({ id: "fuzzer", email: "fuzzer@school.example", idpRoles: ROLES.map((r) => `${r}:${OWN}`) });
  await db.insert(sessions).values({ sessionToken: "tok-fuzzer", userId: "fuzzer", expires: new Date(Date.now() + 24 * 3_600_000) });
}, 120_000);
afterAll(() => vi.unstubAllGlobals());

type Handler = (req: Request) => Promise<Response>;

/** A value like the template's, or anything at all. */
const mutate = (template: Record<string, unknown>) =>
  fc.oneof(
    { arbitrary: fc.constant(template), weight: 4 },
    fc.tuple(fc.subarray(Object.keys(template)), fc.dictionary(fc.oneof(fc.constantFrom(...Object.keys(template), "__proto__", "constructor", "school"), fc.string({ maxLength: 6 })), weird, { maxKeys: 3 }))
      .map(([keep, extra]) => ({ ...Object.fromEntries(keep.map((k) => [k, template[k]])), ...extra })),
    fc.dictionary(fc.string({ maxLength: 10 }), weird, { maxKeys: 5 }),
  );

const rawBody = fc.oneof(
  fc.constant("{"), fc.constant(""), fc.constant("null"), fc.constant("[]"), fc.string({ maxLength: 50 }),
  fc.constant(`{"a":${"[".repeat(5000)}`), fc.constant('{"q":"\\ud800"}'),
);

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

describe("fuzz: every BFF route, random queries and bodies, random Source answers", () => {
  it(`no 5xx and no stack trace in ${RUNS_PER_ROUTE} requests per route`, async () => {
    let requests = 0;
    let withBrokenSource = 0;
    const statuses = new Map<number, number>();
    const bad: string[] = [];
    for (const route of ROUTE_TABLE) {
      const name = `${route.method} ${route.path}`;
      const template = TEMPLATES[name];
      expect(template, `${name} has a template`).toBeDefined();
      const handler = ((await import(`@/app${route.path}/route`)) as Record<string, Handler>)[route.method]!;
      const input = fc.record({
        query: mutate(Object.fromEntries(Object.entries(template!.query ?? {}))),
        school: fc.oneof({ arbitrary: fc.constant(OWN), weight: 6 }, fc.constantFrom("", "meridiaan-college", "x".repeat(300), "obs-de-regenboog&school=meridiaan-college")),
        body: route.method === "GET" ? fc.constant(undefined) : fc.oneof({ arbitrary: mutate(template!.body ?? {}).map((b) => JSON.stringify(b)), weight: 4 }, rawBody),
        answers: fc.array(answer, { maxLength: 8 }),
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ query, school, body, answers }) => {
          resetProcessLimits();
          script = answers;
          sourceBroke = false;
          const params = new URLSearchParams();
          for (const [k, v] of Object.entries(query)) params.append(k, typeof v === "string" ? v : JSON.stringify(v) ?? "");
          params.set("school", school);
          const req = new Request(`${BASE}${route.path}?${params}`, {
            method: route.method,
            headers: { cookie: "ldb.session=tok-fuzzer", [CSRF_HEADER]: "1", origin: BASE, "content-type": "application/json" },
            body,
          });
          const res = await handler(req);
          const text = await res.text();
          requests++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (!honest(res.status, text, sourceBroke)) bad.push(`${name} → ${res.status}${sourceBroke ? " (a Source failed)" : ""}: ${text.slice(0, 200)}`);
          if (sourceBroke) withBrokenSource++;
          return true; // every case runs; what went wrong is listed below, all of it
        }),
        { numRuns: RUNS_PER_ROUTE, seed: 20261130 },
      );
    }
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(", ");
    console.log(`fuzz: ${requests} requests over ${ROUTE_TABLE.length} routes (${withBrokenSource} while a Source failed; ${byStatus}), ${bad.length} with a stack trace, a 500 or a 5xx not caused by a Source`);
    expect(bad).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(Math.min(10_000, RUNS_PER_ROUTE * ROUTE_TABLE.length));
  }, 900_000);
});
