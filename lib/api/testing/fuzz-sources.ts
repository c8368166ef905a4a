import fc from "fast-check";
import { EduvClient } from "@/lib/sources/transport/client";
import { OPERATIONS } from "@/lib/sources/operations";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";

/**
 * The Sources the route fuzz (lib/api/fuzz-routes.test.ts) talks to: a stubbed `fetch` that answers
 * every Source call of one fuzz case from that case's drawn script, and counts what it was asked.
 *
 * What makes a case reach deep: the LAS can answer its student and enrollment lists with a fixed,
 * valid roster (below), so the opaque keys the app issued for that roster before the fuzz started
 * still resolve, and the routes go on to the Licentieregistraties. What makes the token endpoint
 * reachable: TokenProvider keeps a token per (Source, client, scope set) until shortly before it
 * expires (3,600 s here), so after the first call the endpoint would never be asked again. A case
 * that draws a fresh token or a token endpoint that is down first drops every token the process's
 * client holds (forgetTokens); the client itself, with its circuit breakers and pauses, stays, as in
 * a running server.
 */

const eck = (n: number) => `https://ketenid.nl/201703/${n.toString(16).padStart(8, "0").repeat(16)}`;

/** Pupils of OBS De Regenboog as its LAS (las-a) sends them: valid records, one known by a userId only. */
export const ROSTER = [
  { userMasterIdentifier: eck(0x1a2b3c4d), givenName: "Emma", familyName: "Jansen", dateOfBirth: "2015-04-01" },
  { userMasterIdentifier: eck(0x2b3c4d5e), givenName: "Daan", familyNamePrefix: "de", familyName: "Vries", dateOfBirth: "2015-09-12" },
  { userMasterIdentifier: eck(0x3c4d5e6f), givenName: "Noor", familyName: "El Amrani", dateOfBirth: "2016-01-30" },
  { userMasterIdentifier: eck(0x4d5e6f70), givenName: "Yusuf", familyName: "Yılmaz", dateOfBirth: "2014-11-02" },
  { userIds: [{ userId: "LAS731904", userIdType: "ASI" }], givenName: "Fleur", familyName: "Bakker", dateOfBirth: "2015-06-18" },
];

/** The class every roster pupil is enrolled in (the coverage template asks about it). */
export const ROSTER_CLASS = "ne-1a";

export const ROSTER_ENROLLMENTS = ROSTER.map((s, i) => ({
  enrollmentId: `enr-${i + 1}`,
  student: s.userMasterIdentifier ? { userMasterIdentifier: s.userMasterIdentifier } : { userIds: s.userIds },
  enrollmentType: "subject",
  subject: ROSTER_CLASS,
  schoolPeriod: "2025-2026",
  beginDate: "2025-08-18",
  status: "active",
  dateCreated: "2025-08-01T08:00:00Z",
  dateLastModified: "2025-08-01T08:00:00Z",
}));

/** Employees put on the school's list (POST /api/employees) before the fuzz, for their opaque keys. */
export const EMPLOYEES = [
  { employee: { userIdType: "ASI", userId: "MDW40417" }, name: "J. Docent" },
  { employee: { userIdType: "ASI", userId: "MDW40533" }, name: "K. Mentor" },
] as const;

/** Full identifiers that no answer may carry, except the reveal route's, which exists to show them. */
export const SECRET_IDENTIFIERS: readonly string[] = [
  ...ROSTER.flatMap((s) => [s.userMasterIdentifier, ...(s.userIds ?? []).map((u) => u.userId)].filter((v): v is string => !!v)),
  ...EMPLOYEES.map((e) => e.employee.userId),
];

/** One answer of a Source, drawn at random; `broken` when no Source could be asked to send it. */
export type Answer = { broken: boolean; send: () => Response };
const ok = (send: () => Response): Answer => ({ broken: false, send });
const broken = (send: () => Response): Answer => ({ broken: true, send });

const FIELDS = [
  "userMasterIdentifier",
  "organisationMasterIdentifier",
  "userIds",
  "organisationIds",
  "givenName",
  "familyName",
  "birthDate",
  "dateOfBirth",
  "studentId",
  "schoolPeriodId",
  "endDate",
  "startDate",
  "entitlements",
  "status",
  "entitlementStatus",
  "productId",
  "dateLastModified",
];
export const weird = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    "",
    " ",
    null,
    [],
    {},
    "0022",
    "../../etc/passwd",
    "%00",
    "<script>",
    "a&b=c",
    "\u202e",
    "9".repeat(400),
    -1,
    1e308,
    2 ** 53 + 1,
  ),
);
const record = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 })), weird, { maxKeys: 8 });

export const answer: fc.Arbitrary<Answer> = fc.oneof(
  fc.constant(ok(() => Response.json([]))),
  fc.array(record, { maxLength: 6 }).map((rows) => ok(() => Response.json(rows))),
  fc.jsonValue().map((v) => broken(() => Response.json(v))),
  fc
    .record({ status: fc.constantFrom("0021", "0022", "0023", 21, 22, "9999", ""), message: fc.string() })
    .chain((s) => fc.constantFrom(400, 401, 403, 404, 405, 409).map((code) => broken(() => Response.json(s, { status: code })))),
  fc.constantFrom(500, 502, 503, 504).map((code) => broken(() => new Response("upstream broke", { status: code }))),
  fc.constant(broken(() => new Response('{"truncated": [', { status: 200, headers: { "content-type": "application/json" } }))),
  fc.constant(broken(() => new Response("<html>not json</html>", { status: 200 }))),
  fc.constant(
    broken((): Response => {
      throw new TypeError("fetch failed (connection reset)");
    }),
  ),
);

/** How a token endpoint that is down answers. */
const tokenFailure = fc.constantFrom<() => Response>(
  () => new Response("down", { status: 503 }),
  () => new Response("broke", { status: 500 }),
  () => Response.json({ error: "invalid_client" }, { status: 401 }),
  () => Response.json({ error: "invalid_scope" }, { status: 400 }),
  () => new Response("<html>maintenance</html>", { status: 200 }),
  (): Response => {
    throw new TypeError("fetch failed (connection reset)");
  },
);

/**
 * The Sources' side of one case: the answers in turn, whether the LAS sends the roster for its lists,
 * and the token endpoint: "cached" (the client keeps its tokens), "fresh" (tokens dropped, so they
 * must be fetched; the endpoint works) or "down" (tokens dropped; the endpoint fails).
 */
export type SourceCase = { answers: Answer[]; roster: boolean; token: "cached" | "fresh" | "down"; tokenDown: () => Response };

export const sourceCase: fc.Arbitrary<SourceCase> = fc.record({
  answers: fc.array(answer, { maxLength: 8 }),
  roster: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
  token: fc.oneof(
    { arbitrary: fc.constant("cached" as const), weight: 6 },
    { arbitrary: fc.constant("fresh" as const), weight: 1 },
    { arbitrary: fc.constant("down" as const), weight: 1 },
  ),
  tokenDown: tokenFailure,
});

/** The stubbed Sources: `fetch` goes into vi.stubGlobal; the counters are read after each case and at the end. */
export class MockSources {
  /** Calls per Source id (the first path segment of the demo config's URLs: las-a, lr-a, lr-b…), token calls excluded. */
  readonly calls = new Map<string, number>();
  tokenCalls = 0;
  /** Token requests answered with a failure: the failing token endpoint was reached this often. */
  tokenFailures = 0;
  /** Of the current case: the Sources asked for data, the token requests and whether one failed, whether any Source failed. */
  caseSources = new Set<string>();
  caseTokenFailed = false;
  caseTokenCalls = 0;
  caseBroke = false;
  private script: Answer[] = [];
  private current: SourceCase | undefined;

  begin(c: SourceCase): void {
    this.current = c;
    this.script = [...c.answers];
    this.caseSources = new Set();
    this.caseTokenFailed = false;
    this.caseTokenCalls = 0;
    this.caseBroke = false;
    if (c.token !== "cached") forgetTokens();
  }

  readonly fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const sourceId = url.pathname.split("/")[1] ?? "?";
    if (url.pathname.endsWith("/oauth2/token")) {
      this.tokenCalls++;
      this.caseTokenCalls++;
      if (this.current?.token !== "down") return Response.json({ access_token: "fuzz-token", token_type: "Bearer", expires_in: 3600 });
      this.tokenFailures++;
      this.caseTokenFailed = true;
      this.caseBroke = true;
      return this.current.tokenDown();
    }
    this.calls.set(sourceId, (this.calls.get(sourceId) ?? 0) + 1);
    this.caseSources.add(sourceId);
    if (this.current?.roster && url.pathname.endsWith("/students/school")) return Response.json(ROSTER);
    if (this.current?.roster && url.pathname.endsWith("/enrollments/school")) return Response.json(ROSTER_ENROLLMENTS);
    const next = this.script.shift() ?? ok(() => Response.json([]));
    this.caseBroke ||= next.broken;
    return next.send();
  };
}

/**
 * Drops every token the process's Source client holds: for each Source, the scope sets its calls
 * ask for (one per operation) and the probe's (the Source's configured scopes).
 */
export function forgetTokens(): void {
  const { client, tokens } = getEduvRuntime();
  for (const source of client.config.sources) {
    tokens.invalidate(source, source.scopes);
    for (const op of Object.values(OPERATIONS)) tokens.invalidate(source, EduvClient.scopesFor(op, source));
  }
}
