import { expect, test, type APIRequestContext, type Browser } from "./fixtures";
import { generateSchool } from "../sandbox/data/generate";
import { SCHOOLS } from "../sandbox/data/schools";
import { signIn } from "./sign-in";

/**
 * Authorization by content, with the sandbox running: every allowed route with valid input answers
 * 200 with its own school's data only, and a foreign school's student keys, employee keys and
 * consent references sent with one's own school get 404. The markers come from the sandbox's
 * generator and from the other school's own answers, not from the routes under test: per route,
 * the kinds of marker it really carries (written out below by hand) are asserted present for the
 * own school before the other school's are asserted absent, so a route that carried nothing, or
 * carried another kind of data than the test looks for, fails instead of passing.
 */
const SEED = "leermiddelendashboard";
const school = (org: string) =>
  generateSchool(
    SEED,
    SCHOOLS.find((s) => s.orgMasterId === org)!,
    "demo",
  );
const A = { id: "obs-de-regenboog", data: school("900A101") };
const B = { id: "meridiaan-college", data: school("900B201") };
const H = "x-ldb-csrf";
type School = typeof A;
type Json = Record<string, unknown>;
type Answer = Awaited<ReturnType<APIRequestContext["get"]>>;

/** The kinds of marker a route's answer may carry. */
type Kind = "keys" | "familyNames" | "ecks" | "groups" | "staff";
type Markers = Record<Kind, string[]>;

const fullName = (p: { givenName: string; familyNamePrefix?: string; familyName: string }) =>
  [p.givenName, p.familyNamePrefix, p.familyName].filter(Boolean).join(" ");
const groupsOf = (s: School) => [
  ...new Set(
    [
      ...s.data.enrollments.flatMap((e) => [(e as Json).study, (e as Json).subject]),
      ...[...s.data.assignments.values()].flat().flatMap((a) => [(a as Json).group, (a as Json).subject]),
    ].filter((g): g is string => typeof g === "string"),
  ),
];
/** What the generator says a school holds; `keys` are filled in from the school's own list, asked by its own administrator. */
function markersOf(s: School, keys: string[]): Markers {
  return {
    keys,
    familyNames: s.data.pupils.map((p) => p.familyName).filter((n) => n.length > 4),
    ecks: s.data.pupils.map((p) => p.eck.slice(p.eck.lastIndexOf("/") + 1)),
    groups: groupsOf(s),
    staff: s.data.employees.map(fullName),
  };
}
/** The other school's markers that the own school does not share (a family name can be in both). */
function foreignTo(own: Markers, other: Markers): Markers {
  const out = {} as Markers;
  for (const kind of Object.keys(other) as Kind[]) {
    const mine = new Set(own[kind].map((m) => m.toLowerCase()));
    out[kind] = other[kind].filter((m) => !mine.has(m.toLowerCase()));
  }
  return out;
}

async function as(browser: Browser, account: string): Promise<APIRequestContext> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, account);
  return page.request;
}
const post = (api: APIRequestContext, path: string, schoolId: string, data: object) =>
  api.post(`${path}?school=${schoolId}`, { data, headers: { [H]: "1" } });
const get = (api: APIRequestContext, path: string, schoolId: string, query = "") => api.get(`${path}?school=${schoolId}${query}`);

// Identifiers no other data can contain by chance (keyed hashes, ECK iDs, offering ids with the school's
// BRIN): looked for in every answer. Names come from one pool for pupils and staff, so a pupil of one
// school may share a name with a teacher of the other: they are looked for where the route carries them.
const IDENTIFIERS: Kind[] = ["keys", "ecks", "groups"];

/**
 * The answer is 200, carries at least one own marker of each kind in `carries`, and no foreign
 * marker of those kinds or of the identifiers. Returns the answer's text.
 */
async function ownOnly(res: Answer, what: string, carries: Kind[], own: Markers, foreign: Markers): Promise<string> {
  expect(res.status(), what).toBe(200);
  const text = (await res.text()).toLowerCase();
  for (const kind of carries)
    expect(own[kind].filter((m) => text.includes(m.toLowerCase())).length, `${what}: carries its own school's ${kind}`).toBeGreaterThan(0);
  for (const kind of new Set([...carries, ...IDENTIFIERS]))
    expect(
      foreign[kind].filter((m) => text.includes(m.toLowerCase())),
      `${what}: another school's ${kind}`,
    ).toEqual([]);
  return text;
}

/** Every student of a school (key and family name), from its own list (pages of 200), asked by one who may read it. */
async function studentsOf(api: APIRequestContext, s: School): Promise<Array<{ key: string; familyName: string }>> {
  const rows: Array<{ key: string; familyName: string }> = [];
  for (let page = 1; ; page++) {
    const answer = (await (await post(api, "/api/students", s.id, { pageSize: 200, page })).json()) as {
      total: number;
      rows: Array<{ key: string; familyName: string }>;
    };
    rows.push(...answer.rows);
    if (rows.length >= answer.total || !answer.rows.length) return rows;
  }
}
const keysOf = async (api: APIRequestContext, s: School) => (await studentsOf(api, s)).map((r) => r.key);
/** A pupil whose family name is long enough to be a marker. */
const markedKey = async (api: APIRequestContext, s: School) => (await studentsOf(api, s)).find((r) => r.familyName.length > 4)!.key;

test("school administrators: every allowed route gives its own school's data only, another school's keys give 404", async ({ browser }) => {
  test.setTimeout(180_000);
  const [po, vo] = [await as(browser, "beheer-po"), await as(browser, "beheer-vo")];
  const markers = new Map<School, Markers>([
    [A, markersOf(A, await keysOf(po, A))],
    [B, markersOf(B, await keysOf(vo, B))],
  ]);
  for (const m of markers.values()) for (const kind of Object.keys(m) as Kind[]) expect(m[kind].length, kind).toBeGreaterThan(3);
  const results: string[] = [];
  for (const [api, own, other] of [
    [po, A, B],
    [vo, B, A],
  ] as const) {
    const mine = markers.get(own)!;
    const foreign = foreignTo(mine, markers.get(other)!);
    let routes = 0;
    const check = async (res: Answer, what: string, carries: Kind[]) => {
      routes++;
      return ownOnly(res, `${own.id} ${what}`, carries, mine, foreign);
    };
    const list = JSON.parse(
      await check(await post(api, "/api/students", own.id, { pageSize: 200 }), "students", ["keys", "familyNames"]),
    ) as { total: number; rows: Array<{ key: string }> };
    expect(list.total).toBe(own.data.students.length);
    const key = await markedKey(api, own);
    await check(await get(api, "/api/students/detail", own.id, `&key=${key}`), "student detail", ["familyNames", "groups"]);
    await check(await post(api, "/api/students/reveal", own.id, { key }), "reveal", ["ecks"]);
    await check(await get(api, "/api/enrollments", own.id, "&pageSize=200"), "enrollments", ["keys", "groups"]);
    await check(await get(api, "/api/enrollments/options", own.id), "enrollment options", ["groups"]);
    await check(await post(api, "/api/students/export", own.id, {}), "students CSV", ["familyNames"]);
    await check(await post(api, "/api/enrollments/export", own.id, {}), "enrollments CSV", ["familyNames", "groups"]);
    await check(await post(api, "/api/usage", own.id, { studentKey: key }), "usage", ["familyNames"]);
    await check(await get(api, "/api/employees", own.id), "employees", ["staff"]);
    const teacher = own.data.employees.find((e) => (own.data.assignments.get(e.index) ?? []).length > 0)!;
    await check(
      await post(api, "/api/employees/assignments", own.id, { employee: { userIdType: "ASI", userId: teacher.asi } }),
      "assignments",
      ["groups"],
    );
    results.push(`${own.id}: ${routes} routes 200, each carrying its own school's markers and none of the other's`);
  }

  // Keys of Meridiaan's pupils and employees, sent by Regenboog's administrator with Regenboog.
  const foreignStudent = ((await (await post(vo, "/api/students", B.id, { pageSize: 1 })).json()) as { rows: Array<{ key: string }> })
    .rows[0]!.key;
  const foreignEmployee = ((await (await get(vo, "/api/employees", B.id)).json()) as { employees: Array<{ key: string }> }).employees[0]!
    .key;
  const refused: Array<[string, Promise<Awaited<ReturnType<APIRequestContext["get"]>>>]> = [
    ["student detail", get(po, "/api/students/detail", A.id, `&key=${foreignStudent}`)],
    ["reveal", post(po, "/api/students/reveal", A.id, { key: foreignStudent })],
    ["usage", post(po, "/api/usage", A.id, { studentKey: foreignStudent })],
    ["diagnosis", post(po, "/api/usage/diagnose", A.id, { studentKey: foreignStudent, productId: "x" })],
    ["employee removal", post(po, "/api/employees/remove", A.id, { key: foreignEmployee })],
  ];
  for (const [what, res] of refused) expect([what, (await res).status()]).toEqual([what, 404]);
  // Meridiaan's employee is still on Meridiaan's list: the refused removal changed nothing.
  expect(
    ((await (await get(vo, "/api/employees", B.id)).json()) as { employees: Array<{ key: string }> }).employees.map((e) => e.key),
  ).toContain(foreignEmployee);
  console.log(`authorization by content: ${results.join("; ")}; ${refused.length} foreign keys with the own school → 404`);
});

test("support desk over two schools: a pupil key of one school sent with the other gives 404", async ({ browser }) => {
  const support = await as(browser, "support");
  const admin = await as(browser, "beheer-vo");
  const key = await markedKey(admin, B);
  const [own, other] = [markersOf(B, await keysOf(admin, B)), markersOf(A, [])];
  await ownOnly(
    await post(support, "/api/usage", B.id, { studentKey: key }),
    "support usage at the pupil's school",
    ["familyNames"],
    own,
    foreignTo(own, other),
  );
  expect((await post(support, "/api/usage", A.id, { studentKey: key })).status()).toBe(404);
  expect((await post(support, "/api/usage/diagnose", A.id, { studentKey: key, productId: "x" })).status()).toBe(404);
});

test("consent manager over two schools: a consent reference of one school sent with the other gives 404", async ({ browser }) => {
  const consent = await as(browser, "toestemming");
  // A concept (never sent: no Provider sees it) at De Wegwijzer, which the consent specs leave alone.
  const created = await post(consent, "/api/consent", "cbs-de-wegwijzer", {
    providerId: "lr-b",
    api: "usage-api",
    scopes: ["eduv.usage.dashboard"],
    send: false,
  });
  expect(created.status()).toBe(201);
  const ref = ((await created.json()) as { consumerReferenceId: string }).consumerReferenceId;
  expect((await get(consent, "/api/consent/history", "cbs-de-wegwijzer", `&id=${ref}`)).status()).toBe(200);
  expect((await get(consent, "/api/consent/history", "sg-de-horizon", `&id=${ref}`)).status()).toBe(404);
  expect((await post(consent, "/api/consent/send", "sg-de-horizon", { consumerReferenceId: ref })).status()).toBe(404);
  const stillConcept = (await (await get(consent, "/api/consent", "cbs-de-wegwijzer")).json()) as {
    requests: Array<{ consumerReferenceId: string; status: string }>;
  };
  expect(stillConcept.requests.find((r) => r.consumerReferenceId === ref)?.status).toBe("concept");
});

test("auditor: the access log of one school holds that school's rows only", async ({ browser }) => {
  const auditor = await as(browser, "auditor");
  for (const own of [A, B]) {
    const res = await get(auditor, "/api/access-log", own.id);
    expect(res.status()).toBe(200);
    const rows = (await res.json()) as Array<{ schoolId?: string }>;
    expect(rows.filter((r) => r.schoolId !== undefined && r.schoolId !== own.id)).toEqual([]);
  }
});
