import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "./fixtures";
import { subjectOfferingId } from "../sandbox/data/generate";
import { SCHOOLS } from "../sandbox/data/schools";
import { downloaded, emptyPlaces, findMarkers, logLines, markersOf, walk, type Canaries } from "./canary-scan";
import { LOG_FILES } from "./log-files";
import { signIn } from "./sign-in";

/**
 * Privacy canary: a few pupils and employees of every demo school carry marker names and ECK iDs
 * (the sandbox's PUT /_admin/canary, a random token per run). Every page flow is walked as every
 * demo role; then every URL the browser asked for (and each Referer), its whole history, its
 * console, the dashboard's and the sandbox's log lines and the access log's rows are searched for
 * the markers. Page content, downloads and POST bodies may hold them; none of those places may.
 */
const ADMIN = "http://localhost:4100/_admin";
const TOKEN = Array.from(randomBytes(10), (b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");
const SEARCH = `Kanarie${TOKEN[0]!.toUpperCase()}${TOKEN.slice(1)}`;
const places = emptyPlaces();
let canaries: Canaries;
const canariesOf = (org: string) => canaries.schools.find((s) => s.orgMasterId === org)!;

test.describe.configure({ mode: "serial" });

// Every test starts from a reset sandbox (e2e/fixtures.ts): the canaries are set again for each (the same
// token gives the same canaries).
test.beforeEach(async ({ request }) => {
  const res = await request.put(`${ADMIN}/canary`, { data: { token: TOKEN } });
  expect(res.status()).toBe(200);
  canaries = (await res.json()) as Canaries;
});

async function toSchool(page: Page, org: string) {
  const name = SCHOOLS.find((s) => s.orgMasterId === org)!.name;
  await page.getByLabel("School").selectOption({ label: name });
  await page.getByRole("button", { name: "Wissel" }).click();
  await expect(page.getByText(`U werkt nu voor ${name}`)).toBeVisible();
}

/** Licence usage of canaries: found by name, and by a typed ECK iD. */
async function usageLookups(page: Page, org: string, expectNames: boolean) {
  const [, second, third] = canariesOf(org).pupils;
  await page.goto("/licentiegebruik");
  await page.getByLabel("Naam (of een deel ervan)").fill(SEARCH);
  await page.getByRole("button", { name: "Zoeken", exact: true }).click();
  if (expectNames) {
    await page.getByRole("button", { name: `Toon gebruik van ${second!.name}` }).click();
    await expect(page.getByRole("heading", { level: 2, name: new RegExp(second!.familyName) })).toBeVisible();
  } else {
    // Found, not found (a list cached before the canaries), or the LAS refused: any settled answer.
    const settled = page
      .getByRole("list", { name: "Gevonden personen" })
      .or(page.getByText("Geen leerling of medewerker met die naam."))
      .or(page.locator('form[aria-labelledby="by-name-heading"] [role="alert"]'));
    await expect(settled.first()).toBeVisible();
  }
  await page.getByLabel("Kenmerk", { exact: true }).fill(third!.eck);
  await page.getByRole("button", { name: "Opzoeken" }).click();
  await expect(page.locator('section[aria-labelledby="usage-heading"]').or(page.getByRole("alert")).first()).toBeVisible();
}

async function coverageRun(page: Page, choice: string) {
  await page.goto("/licentiegebruik?view=coverage");
  await page.getByLabel("Groep of aanbod").selectOption(choice);
  await page.getByRole("button", { name: "Dekking berekenen" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Dekking voor \d+ ingeschreven leerlingen$/ })).toBeVisible({
    timeout: 90_000,
  });
  await downloaded(page, () => page.getByRole("button", { name: "Exporteer CSV" }).click());
}

/** A school administrator's every flow, at their own school, with its canaries. */
async function schoolAdmin(page: Page, org: string, coverage: string) {
  const { pupils, employees } = canariesOf(org);
  const first = pupils[0]!;
  await page.goto("/leerlingen");
  // Counts grouped in Dutch: "1.400 leerlingen".
  await expect(page.getByText(/^\d{1,3}(\.\d{3})* leerlingen$/)).toBeVisible();
  await page.getByRole("button", { name: "Vernieuwen" }).click(); // past the dashboard's cache of the list
  // The canaries' enrollments hang on their new ECK iDs: the enrollments list is asked again too.
  expect((await page.request.get("/api/enrollments?refresh=1")).status()).toBe(200);
  await page.getByLabel("Zoek op naam").fill(SEARCH);
  await expect(page.getByText("3 leerlingen")).toBeVisible();
  await page.getByRole("button", { name: "Sorteer op Geboortedatum" }).click();
  await expect(page).toHaveURL(/sort=dateOfBirth/);
  expect(await downloaded(page, () => page.getByRole("button", { name: "Exporteer CSV" }).click())).toContain(first.familyName);
  await page.getByRole("link", { name: first.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: first.name })).toBeVisible();
  await expect(page.getByRole("table", { name: "Inschrijvingen" }).locator("tbody tr").first()).toBeVisible();
  await page.getByRole("button", { name: "Toon volledige kenmerken" }).click();
  await expect(page.getByText(first.eck)).toBeVisible();
  await page.getByRole("link", { name: "Licentiegebruik van deze leerling bekijken" }).click();
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(first.familyName) })).toBeVisible();

  await page.goto("/inschrijvingen");
  await expect(page.getByText(/^\d{1,3}(\.\d{3})* inschrijvingen/)).toBeVisible();
  await page.getByRole("button", { name: "Vernieuwen" }).click();
  await page.getByLabel("Soort").selectOption("study");
  await expect(page).toHaveURL(/enrollmentType=study/);
  await downloaded(page, () => page.getByRole("button", { name: "Exporteer CSV" }).click());

  for (const [type, value] of [
    ["NEPRI", employees[0]!.nepri],
    ["ASI", employees[1]!.asi],
  ] as const) {
    await page.goto("/medewerkers");
    await page.getByLabel("Soort kenmerk").selectOption(type);
    await page.getByLabel("Kenmerk", { exact: true }).fill(value);
    await page.getByRole("button", { name: "Opzoeken" }).click();
    await expect(page.getByText(/^\d+ toewijzingen/)).toBeVisible();
    await downloaded(page, () => page.getByRole("button", { name: "Exporteer CSV" }).click());
  }

  await usageLookups(page, org, true);
  await coverageRun(page, coverage);
  await page.goto("/bronnen");
  await expect(page.getByRole("heading", { level: 1, name: "Bronnen" })).toBeVisible();
}

// Group 7: usage-honesty's coverage of groups 1, 2 and 4 (their current and former pupils, now in groups 1-5) must find no answer kept from here.
test("canaries: the school administrator of a PO school walks every flow", async ({ browser }) => {
  test.setTimeout(240_000);
  await walk(browser, places, "beheer-po", (page) => schoolAdmin(page, "900A101", "study:so-900A101-po-7"));
});

test("canaries: the school administrator of a VO school walks every flow", async ({ browser }) => {
  test.setTimeout(300_000);
  const school = SCHOOLS.find((s) => s.orgMasterId === "900B201")!;
  const klas = canariesOf("900B201").pupils[0]!.className;
  await walk(browser, places, "beheer-vo", (page) => schoolAdmin(page, "900B201", `subject:${subjectOfferingId(school, "ne", klas)}`));
});

test("canaries: the support desk looks people up at all four schools and runs a coverage", async ({ browser }) => {
  test.setTimeout(300_000);
  await walk(browser, places, "support", async (page) => {
    for (const org of ["900A101", "900A102", "900B201", "900B202"]) {
      await toSchool(page, org);
      // The LAS lists of De Wegwijzer and De Horizon cannot be refreshed by this role (and De Horizon's LAS refuses, 0022).
      await usageLookups(page, org, org === "900A101" || org === "900B201");
    }
    await toSchool(page, "900A102");
    await coverageRun(page, "study:so-900A102-po-1");
  });
});

test("canaries: the consent manager walks the consent pages", async ({ browser }) => {
  await walk(browser, places, "toestemming", async (page) => {
    await page.goto("/toestemming");
    await expect(page.getByRole("heading", { level: 1, name: "Toestemming" })).toBeVisible();
    const filters = page.getByRole("group", { name: "Filters" });
    await filters.getByLabel("Gegevensdienst").selectOption("students-api");
    await expect(page).toHaveURL(/[?&]api=students-api/);
    const history = page.getByRole("button", { name: /^Geschiedenis/ }).first();
    if (await history.count()) await history.click();
    await page.getByRole("button", { name: "Verzoek opstellen", exact: true }).click();
    await page
      .getByRole("form", { name: "Nieuw toestemmingsverzoek" })
      .getByLabel("Aanbieder")
      .selectOption({ label: "Leerlingadministratie Beta" });
    await page.goto("/toestemming?requestApi=usage-api&requestProvider=lr-b");
    await expect(page.getByRole("form", { name: "Nieuw toestemmingsverzoek" })).toBeVisible();
  });
});

test("canaries: the auditor reads the access log; the account without a role gets no access", async ({ browser }) => {
  await walk(browser, places, "auditor", async (page) => {
    await page.goto("/toegangslog");
    await page.getByLabel("Gegevens").selectOption({ label: "Licentiegebruik" });
    await page.getByRole("button", { name: "Filteren" }).click();
    await expect(page).toHaveURL(/[?&]dataKind=usage/);
    // Every stored row of today at the auditor's two schools (the page shows 200 at most), by kind.
    const today = new Date().toISOString().slice(0, 10);
    for (const school of ["obs-de-regenboog", "meridiaan-college"]) {
      for (const kind of ["students", "enrollments", "assignments", "usage", "consent", "accesslog"]) {
        const res = await page.request.get(`/api/access-log?school=${school}&dataKind=${kind}&from=${today}`);
        expect(res.status()).toBe(200);
        for (const row of (await res.json()) as unknown[]) places.accessLogRows.push(JSON.stringify(row));
      }
    }
    // The walk above was logged: the support desk's lookups at both schools are among the rows.
    expect(
      places.accessLogRows.filter((r) => r.includes('"actor":"support@leermiddelen.example"') && r.includes('"dataKind":"usage"')).length,
    ).toBeGreaterThanOrEqual(4);
  });
  await walk(browser, places, "geen-rol", async (page) => {
    await expect(page.getByRole("heading", { level: 1, name: "Geen toegang" })).toBeVisible();
  });
});

test("canaries: not one marker in any URL, history entry, console message, log line or access-log row", async () => {
  const dashboard = logLines(LOG_FILES.dashboard);
  const sandbox = logLines(LOG_FILES.sandbox);
  // The files must be this run's servers' (started with the log settings), not missing or stale.
  expect(sandbox.some((l) => l.startsWith("PUT /_admin/canary 200"))).toBe(true);
  // The dashboard's lines are pino's JSON: its start-up line, and one line per BFF request of the walk.
  expect(dashboard.some((l) => l.includes('"msg":"Edu-V sources configured"'))).toBe(true);
  expect(dashboard.filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThan(100);
  places.logLines.push(...dashboard, ...sandbox);
  const found = findMarkers(places, markersOf(canaries));
  const counts = {
    urls: places.urls.length,
    history: places.history.length,
    console: places.console.length,
    logLines: places.logLines.length,
    dashboardLogLines: dashboard.length,
    sandboxLogLines: sandbox.length,
    accessLogRows: places.accessLogRows.length,
  };
  const checked = places.urls.length + places.history.length + places.console.length + places.logLines.length + places.accessLogRows.length;
  console.log(
    `privacy canary (token ${TOKEN}, ${canaries.schools.length} schools, ${canaries.schools.reduce((n, s) => n + s.pupils.length + s.employees.length, 0)} persons): ${checked} places checked ${JSON.stringify(counts)}, ${found.length} markers found`,
  );
  for (const f of found) console.log(`  marker in ${f}`);
  expect(found).toEqual([]);
  expect(counts.urls).toBeGreaterThan(100);
  expect(counts.history).toBeGreaterThan(10);
  expect(counts.accessLogRows).toBeGreaterThan(10);
});

test("the canary's markers are found where they may be: the search is sent in a POST body", async ({ page }) => {
  // A positive control for the scan: the same markers, searched for in request bodies, are there.
  const bodies: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") bodies.push(r.postData() ?? "");
  });
  await signIn(page, "beheer-po");
  await page.goto("/leerlingen");
  await page.getByLabel("Zoek op naam").fill(SEARCH);
  await expect(page.getByText("3 leerlingen")).toBeVisible();
  expect(findMarkers({ ...emptyPlaces(), urls: bodies }, markersOf(canaries)).length).toBeGreaterThan(0);
});
