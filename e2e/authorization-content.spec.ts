import { expect, test, type APIRequestContext, type Browser } from "./fixtures";
import { generateSchool } from "../sandbox/data/generate";
import { SCHOOLS } from "../sandbox/data/schools";
import { signIn } from "./sign-in";

/**
 * Authorization by content, with the sandbox running: every allowed route with valid input answers
 * 200 with its own school's data only, and a foreign school's student keys, employee keys and
 * consent references sent with one's own school get 404. The marker data come from the sandbox's
 * generator: the pupils' family names and ECK iDs of each school (those only the other school has
 * are what must never appear), not from the dashboard.
 */
const SEED = "leermiddelendashboard";
const school = (org: string) => generateSchool(SEED, SCHOOLS.find((s) => s.orgMasterId === org)!, "demo");
const A = { id: "obs-de-regenboog", data: school("900A101") };
const B = { id: "meridiaan-college", data: school("900B201") };
const H = "x-ldb-csrf";

const onlyIn = (own: typeof A, other: typeof A) => {
  const mine = new Set(own.data.pupils.map((p) => p.familyName));
  return other.data.pupils.map((p) => p.familyName).filter((n) => !mine.has(n) && n.length > 4);
};
const ecksOf = (s: typeof A) => s.data.pupils.map((p) => p.eck.slice(p.eck.lastIndexOf("/") + 1));

async function as(browser: Browser, account: string): Promise<APIRequestContext> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, account);
  return page.request;
}
const post = (api: APIRequestContext, path: string, schoolId: string, data: object) => api.post(`${path}?school=${schoolId}`, { data, headers: { [H]: "1" } });
const get = (api: APIRequestContext, path: string, schoolId: string, query = "") => api.get(`${path}?school=${schoolId}${query}`);

/** The answer is 200 and holds none of `foreign` (names or ECK hex only the other school has). */
async function ownOnly(res: Awaited<ReturnType<APIRequestContext["get"]>>, foreign: string[], what: string): Promise<string> {
  expect(res.status(), what).toBe(200);
  const text = (await res.text()).toLowerCase();
  const leaked = foreign.filter((m) => text.includes(m.toLowerCase()));
  expect(leaked, `${what}: another school's data`).toEqual([]);
  return text;
}

test.describe.configure({ mode: "serial" });

test("school administrators: every allowed route gives its own school's data only, another school's keys give 404", async ({ browser }) => {
  test.setTimeout(180_000);
  const [po, vo] = [await as(browser, "beheer-po"), await as(browser, "beheer-vo")];
  const results: string[] = [];
  for (const [api, own, other] of [[po, A, B], [vo, B, A]] as const) {
    const foreign = [...onlyIn(own, other), ...ecksOf(other)];
    expect(foreign.length).toBeGreaterThan(10);
    const list = await post(api, "/api/students", own.id, { pageSize: 200 });
    const rows = (JSON.parse(await ownOnly(list, foreign, `${own.id} students`)) as { total: number; rows: Array<{ key: string; familyname: string }> });
    expect(rows.total).toBe(own.data.students.length);
    const key = rows.rows[0]!.key;
    await ownOnly(await get(api, "/api/students/detail", own.id, `&key=${key}`), foreign, `${own.id} student detail`);
    const revealed = await ownOnly(await post(api, "/api/students/reveal", own.id, { key }), foreign, `${own.id} reveal`);
    expect(ecksOf(own).some((hex) => revealed.includes(hex))).toBe(true);
    await ownOnly(await get(api, "/api/enrollments", own.id, "&pageSize=200"), foreign, `${own.id} enrollments`);
    await ownOnly(await get(api, "/api/enrollments/options", own.id), foreign, `${own.id} enrollment options`);
    await ownOnly(await post(api, "/api/students/export", own.id, {}), foreign, `${own.id} students CSV`);
    await ownOnly(await post(api, "/api/enrollments/export", own.id, {}), foreign, `${own.id} enrollments CSV`);
    await ownOnly(await post(api, "/api/usage", own.id, { studentKey: key }), foreign, `${own.id} usage`);
    const employees = await ownOnly(await get(api, "/api/employees", own.id), foreign, `${own.id} employees`);
    expect(JSON.parse(employees).employees.length).toBeGreaterThan(0);
    const teacher = own.data.employees.find((e) => (own.data.assignments.get(e.index) ?? []).length > 0)!;
    await ownOnly(await post(api, "/api/assignments", own.id, { employee: { userIdType: "ASI", userId: teacher.asi } }), foreign, `${own.id} assignments`);
    results.push(`${own.id}: 11 routes 200, own data only`);
  }

  // Keys of Meridiaan's pupils and employees, sent by Regenboog's administrator with Regenboog.
  const foreignStudent = ((await (await post(vo, "/api/students", B.id, { pageSize: 1 })).json()) as { rows: Array<{ key: string }> }).rows[0]!.key;
  const foreignEmployee = ((await (await get(vo, "/api/employees", B.id)).json()) as { employees: Array<{ key: string }> }).employees[0]!.key;
  const refused: Array<[string, Promise<Awaited<ReturnType<APIRequestContext["get"]>>>]> = [
    ["student detail", get(po, "/api/students/detail", A.id, `&key=${foreignStudent}`)],
    ["reveal", post(po, "/api/students/reveal", A.id, { key: foreignStudent })],
    ["usage", post(po, "/api/usage", A.id, { studentKey: foreignStudent })],
    ["diagnosis", post(po, "/api/usage/diagnose", A.id, { studentKey: foreignStudent, productId: "x" })],
    ["employee removal", post(po, "/api/employees/remove", A.id, { key: foreignEmployee })],
  ];
  for (const [what, res] of refused) expect([what, (await res).status()]).toEqual([what, 404]);
  // Meridiaan's employee is still on Meridiaan's list: the refused removal changed nothing.
  expect(((await (await get(vo, "/api/employees", B.id)).json()) as { employees: Array<{ key: string }> }).employees.map((e) => e.key)).toContain(foreignEmployee);
  console.log(`authorization by content: ${results.join("; ")}; ${refused.length} foreign keys with the own school → 404`);
});

test("support desk over two schools: a pupil key of one school sent with the other gives 404", async ({ browser }) => {
  const support = await as(browser, "support");
  const admin = await as(browser, "beheer-vo");
  const key = ((await (await post(admin, "/api/students", B.id, { pageSize: 1 })).json()) as { rows: Array<{ key: string }> }).rows[0]!.key;
  await ownOnly(await post(support, "/api/usage", B.id, { studentKey: key }), [...onlyIn(B, A), ...ecksOf(A)], "support usage at the pupil's school");
  expect((await post(support, "/api/usage", A.id, { studentKey: key })).status()).toBe(404);
  expect((await post(support, "/api/usage/diagnose", A.id, { studentKey: key, productId: "x" })).status()).toBe(404);
});

test("consent manager over two schools: a consent reference of one school sent with the other gives 404", async ({ browser }) => {
  const consent = await as(browser, "toestemming");
  // A concept (never sent: no Provider sees it) at De Wegwijzer, which the consent specs leave alone.
  const created = await post(consent, "/api/consent", "cbs-de-wegwijzer", { providerId: "lr-b", api: "usage-api", scopes: ["eduv.usage.dashboard"], send: false });
  expect(created.status()).toBe(201);
  const ref = ((await created.json()) as { consumerReferenceId: string }).consumerReferenceId;
  expect((await get(consent, "/api/consent/history", "cbs-de-wegwijzer", `&id=${ref}`)).status()).toBe(200);
  expect((await get(consent, "/api/consent/history", "sg-de-horizon", `&id=${ref}`)).status()).toBe(404);
  expect((await post(consent, "/api/consent/send", "sg-de-horizon", { consumerReferenceId: ref })).status()).toBe(404);
  const stillConcept = (await (await get(consent, "/api/consent", "cbs-de-wegwijzer")).json()) as { requests: Array<{ consumerReferenceId: string; status: string }> };
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
