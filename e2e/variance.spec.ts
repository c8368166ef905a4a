import { expect, test, type APIRequestContext, type Page } from "./fixtures";
import { generateSchool } from "../sandbox/data/generate";
import { SCHOOLS } from "../sandbox/data/schools";
import { entitlementsFor } from "../sandbox/data/usage";
import { SOURCE_TIMEOUT_MS } from "./servers";
import { signIn } from "./sign-in";

// With the sandbox's variance knob on, LAS Alfa (OBS De Regenboog, beheer-po) and LAS Beta (Meridiaan
// College, beheer-vo) send what the seeds allow and our own spec does not: nulls, empties, extra fields,
// minimal records, recased date-times, unknown enum values. Expected counts come from the sandbox's
// generator and from its own ledger of what it varied (GET /_admin/variance), not from the dashboard.
const SEED = "leermiddelendashboard";
const ADMIN = "http://localhost:4100/_admin";
const regenboog = generateSchool(
  SEED,
  SCHOOLS.find((s) => s.orgMasterId === "900A101")!,
  "demo",
);
const meridiaan = generateSchool(
  SEED,
  SCHOOLS.find((s) => s.orgMasterId === "900B201")!,
  "demo",
);
const employee = meridiaan.employees.find((e) => (meridiaan.assignments.get(e.index) ?? []).length >= 3)!;
const STUDENTS = "get-students-for-school";
const ENROLLMENTS = "get-enrollments-for-school";

type Counts = Record<string, number>;
type Ledger = Record<
  string,
  Record<string, { answers: number; records: number; varied: number; kinds: Record<string, Counts>; faults: Counts }>
>;
type Health = { normalized: Counts; unknownEnums: Counts; received: number; kept: number; leftOut: number };

const knobs = (request: APIRequestContext, data: object) => request.put(`${ADMIN}/knobs`, { data });

/** One operation's counts on the Bronnen page (data attributes of its tables). */
async function health(page: Page, sourceId: string, operationId: string): Promise<Health> {
  await page.goto("/bronnen");
  const op = page.locator(`[data-health-source="${sourceId}"] [data-operation="${operationId}"]`);
  if (!(await op.count())) return { normalized: {}, unknownEnums: {}, received: 0, kept: 0, leftOut: 0 };
  const table = async (name: string) => {
    const out: Counts = {};
    for (const row of await op.locator(`[data-counts="${name}"] tr[data-key]`).all()) {
      out[(await row.getAttribute("data-key"))!] = Number(await row.locator("td[data-value]").getAttribute("data-value"));
    }
    return out;
  };
  const metric = async (name: string) => Number(await op.locator(`[data-metric="${name}"]`).getAttribute("data-value"));
  return {
    normalized: await table("normalizedPaths"),
    unknownEnums: await table("unknownEnums"),
    received: await metric("received"),
    kept: await metric("kept"),
    leftOut: await metric("leftOut"),
  };
}

const minus = (after: Counts, before: Counts) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([k, v]) => [k, v - (before[k] ?? 0)])
      .filter(([, v]) => v !== 0),
  );
const sum = (...maps: Array<Counts | undefined>) => {
  const out: Counts = {};
  for (const m of maps) for (const [k, v] of Object.entries(m ?? {})) out[k] = (out[k] ?? 0) + v;
  return out;
};
/** What the reading rules count as normalised: null, "" and [] on optional fields (a required "" is kept as sent). */
const normalisable = (kinds: Record<string, Counts>) => sum(kinds.null, kinds.empty, kinds.emptyArray);
/** Unknown enum values are counted per field, the last segment of the path. */
const byField = (paths: Counts | undefined) => sum(...Object.entries(paths ?? {}).map(([p, n]) => ({ [p.split(".").at(-1)!]: n })));

test("with the sandbox's variance on, every page shows every allowed record, and the Bronnen page counts exactly what the Sources varied", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "beheer-po");
  const students0 = await health(page, "las-a", STUDENTS);
  const enrollments0 = await health(page, "las-a", ENROLLMENTS);

  await knobs(request, { "las-a": { varianceRate: 0.3 } });
  // Each list is asked again and the test waits for that answer itself: the count on the page can
  // show before the new call reached the Source (from the earlier answer).
  await page.goto("/leerlingen");
  const studentsAgain = page.waitForResponse(
    (r) => new URL(r.url()).pathname === "/api/students" && r.request().postDataJSON()?.refresh === true,
  );
  await page.getByRole("button", { name: "Vernieuwen" }).click();
  expect((await studentsAgain).status()).toBe(200);
  await expect(page.getByText(`${regenboog.students.length} leerlingen`)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "waren ongeldig" })).toHaveCount(0);

  await page.goto("/inschrijvingen?includeToBeDeleted=1");
  const enrollmentsAgain = page.waitForResponse(
    (r) => new URL(r.url()).pathname === "/api/enrollments" && new URL(r.url()).searchParams.get("refresh") === "1",
  );
  await page.getByRole("button", { name: "Vernieuwen" }).click();
  expect((await enrollmentsAgain).status()).toBe(200);
  // The count line names every enrollment; the variance's unknown status values are said after it (one meaning per status).
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: / inschrijvingen/ })
      .first(),
  ).toHaveText(new RegExp(`^${regenboog.enrollments.length} inschrijvingen(\\s|$)`));

  const ledger = (await (await request.get(`${ADMIN}/variance`)).json()) as Ledger;
  const studentsSent = ledger["las-a"]!.students!;
  const enrollmentsSent = ledger["las-a"]!.enrollments!;
  expect(studentsSent.varied).toBeGreaterThan(20);
  expect(enrollmentsSent.varied).toBeGreaterThan(40);

  const students = await health(page, "las-a", STUDENTS);
  // Every record the Sources sent was kept; each null, "" and [] was counted on its field path, each unknown value on its field.
  expect(students.received - students0.received).toBe(studentsSent.records);
  expect(students.kept - students0.kept).toBe(studentsSent.records);
  expect(students.leftOut - students0.leftOut).toBe(0);
  expect(minus(students.normalized, students0.normalized)).toEqual(normalisable(studentsSent.kinds));
  expect(minus(students.unknownEnums, students0.unknownEnums)).toEqual(byField(studentsSent.kinds.unknownEnum));

  const enrollments = await health(page, "las-a", ENROLLMENTS);
  expect(enrollments.kept - enrollments0.kept).toBe(enrollmentsSent.records);
  expect(enrollments.leftOut - enrollments0.leftOut).toBe(0);
  const normalised = minus(enrollments.normalized, enrollments0.normalized);
  const dateTimes = ["dateCreated", "dateLastModified"];
  expect(Object.fromEntries(Object.entries(normalised).filter(([p]) => !dateTimes.includes(p)))).toEqual(
    normalisable(enrollmentsSent.kinds),
  );
  // A date-time is normalised only in the forms that need it (lower case t/z, a space); "…T…+02:00" is read as sent.
  for (const field of dateTimes) {
    const sent = enrollmentsSent.kinds.dateTime?.[field] ?? 0;
    expect(normalised[field] ?? 0).toBeLessThanOrEqual(sent);
    if (sent >= 3) expect(normalised[field] ?? 0).toBeGreaterThan(0);
  }
  expect(minus(enrollments.unknownEnums, enrollments0.unknownEnums)).toEqual(byField(enrollmentsSent.kinds.unknownEnum));
});

test("an employee's assignments with the variance on: every assignment shown, the empty userMasterIdentifier of employees read as absent", async ({
  page,
  request,
}) => {
  await knobs(request, { "las-b": { varianceRate: 1 } });
  await signIn(page, "beheer-vo");
  await page.goto("/medewerkers");
  await page.getByLabel("Soort kenmerk").selectOption("NEPRI");
  await page.getByLabel("Kenmerk", { exact: true }).fill(employee.nepri);
  await page.getByRole("button", { name: "Opzoeken" }).click();
  await expect(page.getByText(`${meridiaan.assignments.get(employee.index)!.length} toewijzingen`)).toBeVisible();
  // (Next's route announcer is an empty alert.)
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "waren ongeldig" })).toHaveCount(0);
});

// The pause a 429 asks for is longer than a call may wait (min(timeoutMs, 10 s): SOURCE_TIMEOUT_MS here), so
// the page says "busy" at once.
test("a busy Source (429 with Retry-After) says when it will be asked again, and the rows shown stay", async ({ page, request }) => {
  await signIn(page, "beheer-po");
  await page.goto("/leerlingen");
  await expect(page.getByText(`${regenboog.students.length} leerlingen`)).toBeVisible();
  await knobs(request, { "las-a": { tooManyRequestsRate: 1, retryAfterSeconds: SOURCE_TIMEOUT_MS / 1000 + 2 } });
  await page.getByRole("button", { name: "Vernieuwen" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /De bron is druk; volgende poging om \d{2}:\d{2}:\d{2}\./ })).toBeVisible();
  await expect(page.locator("tbody tr[aria-rowindex] td a").first()).toBeVisible();
  expect(await page.content()).not.toMatch(/at .*\.(ts|js):\d+/);
});

test("an answer too large to read is named with its own message, and the other registry's answer stands", async ({ page, request }) => {
  // Known at both registries: lr-a answers with a body (which is made too large), lr-b with its entitlements.
  const pupil = meridiaan.pupils.find(
    (p) =>
      !p.leaver && ["lr-a", "lr-b"].every((r) => entitlementsFor(SEED, r as "lr-a" | "lr-b", meridiaan.school, { pupil: p }).length > 0),
  )!;
  const atKompas = entitlementsFor(SEED, "lr-b", meridiaan.school, { pupil }).length;
  await knobs(request, { "lr-a": { oversizeRate: 1 } });
  await signIn(page, "support");
  await page.getByLabel("School").selectOption({ label: "Meridiaan College" });
  await page.getByRole("button", { name: "Wissel" }).click();
  await expect(page.getByText("U werkt nu voor Meridiaan College")).toBeVisible();
  await page.goto("/licentiegebruik");
  await page.getByLabel("Kenmerk", { exact: true }).fill(pupil.eck);
  await page.getByRole("button", { name: "Opzoeken" }).click();
  await expect(page.locator("li", { hasText: "Licentieregistratie Uitgeverij Meridiaan" })).toContainText(
    "De bron stuurde een te groot antwoord; het is niet gelezen.",
  );
  await expect(page.locator("li", { hasText: "Licentieregistratie Uitgeverij Kompas" })).toContainText(`${atKompas} aanspra`);
  expect(await page.content()).not.toMatch(/at .*\.(ts|js):\d+/);
});
