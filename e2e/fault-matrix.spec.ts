import type { Page, Response } from "@playwright/test";
import { expect, test, type APIRequestContext } from "./fixtures";
import { generateSchool } from "../sandbox/data/generate";
import { SCHOOLS } from "../sandbox/data/schools";
import { signIn } from "./sign-in";

/**
 * The fault matrix: every page that asks a Source × every fault the sandbox can make (as beheer-po,
 * OBS De Regenboog: LAS Alfa for the lists, the Licentieregistraties for licence usage; the
 * employees' assignments as beheer-vo at Meridiaan College, LAS Beta). Each case
 * must end in an honest state: the page's heading and controls stay, the fault is named in words,
 * never a blank page, an error
 * page, a 500 from the BFF or a stack trace. The table of what each case showed is printed.
 */
const ADMIN = "http://localhost:4100/_admin";
const SEED = "leermiddelendashboard";
const regenboog = generateSchool(SEED, SCHOOLS.find((s) => s.orgMasterId === "900A101")!, "demo");
type Pupil = (typeof regenboog.pupils)[number];
const nameOf = (p: Pupil) => [p.preferredFirstName || p.givenName, p.familyNamePrefix, p.familyName].filter(Boolean).join(" ");
// Pupils for the licence lookups: unique names, one per fault, in groups 6–8, whose coverage no spec
// runs (usage-honesty's coverage covers groups 1, 2 and 4 and must find only fresh answers there).
const lookups = regenboog.pupils.filter((p) => p.studyYear >= 6 && !p.leaver && regenboog.pupils.filter((q) => nameOf(q) === nameOf(p)).length === 1).slice(-12);

// Medewerkers at Meridiaan College (beheer-vo, LAS Beta): a VO school has a teacher for every fault.
const meridiaan = generateSchool(SEED, SCHOOLS.find((s) => s.orgMasterId === "900B201")!, "demo");
const teachers = meridiaan.employees
  .filter((e) => (meridiaan.assignments.get(e.index) ?? []).length >= 1)
  .map((e) => [e.givenName, e.familyNamePrefix, e.familyName].filter(Boolean).join(" "));

type Fault = { name: string; knobs: object; shows: RegExp };
const FAULTS: Fault[] = [
  { name: "timeout", knobs: { timeoutRate: 1, hangMs: 20_000 }, shows: /antwoordde niet op tijd/ },
  { name: "5xx", knobs: { errorRate: 1 }, shows: /meldt een storing/ },
  { name: "429", knobs: { tooManyRequestsRate: 1, retryAfterSeconds: 1 }, shows: /is druk/ },
  { name: "connection reset", knobs: { resetRate: 1 }, shows: /niet bereikbaar/ },
  { name: "malformed JSON", knobs: { malformedJsonRate: 1 }, shows: /onleesbaar of onjuist antwoord/ },
  { name: "invalid records", knobs: { invalidRecordRate: 1, invalidRecords: 1_000 }, shows: /ongeldig|onleesbaar of onjuist|kon niet worden gelezen|niet gelezen/ },
  { name: "token endpoint down", knobs: { tokenErrorRate: 1, expireTokens: true }, shows: /toegangstoken|meldt een storing/ },
  // Every token the Source issued counts as expired, also the fresh one the client asks for after a 401.
  { name: "expired token", knobs: { expireTokens: true }, shows: /toegangstoken/ },
  { name: "oversize answer", knobs: { oversizeRate: 1 }, shows: /te groot antwoord/ },
];

/** Opens the page, calls `arm` (which turns the fault on) just before the page asks its Sources, and asks. */
type PageCase = { page: string; account?: string; heading: string; sources: string[]; open: (page: Page, i: number, arm: () => Promise<unknown>) => Promise<void> };
const refreshList = (path: string) => async (page: Page, _i: number, arm: () => Promise<unknown>) => {
  await page.goto(path);
  const refresh = page.getByRole("button", { name: "Vernieuwen" }).first();
  await expect(refresh).toBeEnabled({ timeout: 30_000 });
  await arm();
  await refresh.click();
};
const PAGES: PageCase[] = [
  { page: "/leerlingen", heading: "Leerlingen", sources: ["las-a"], open: refreshList("/leerlingen") },
  { page: "/inschrijvingen", heading: "Inschrijvingen", sources: ["las-a"], open: refreshList("/inschrijvingen") },
  {
    page: "/medewerkers", account: "beheer-vo", heading: "Medewerkers", sources: ["las-b"],
    open: async (page, i, arm) => {
      await page.goto("/medewerkers");
      const select = page.getByLabel(/Kies uit \d+ medewerkers/);
      await expect.poll(() => select.locator("option").count()).toBeGreaterThan(FAULTS.length);
      // A teacher with assignments at the LAS, another one per fault (no kept answer in the way).
      const options = (await select.locator("option").allTextContents()).filter((o) => teachers.some((t) => o.startsWith(t)));
      expect(options.length).toBeGreaterThan(FAULTS.length);
      await select.selectOption({ label: options[i]! });
      // Shown (perhaps from an answer kept by an earlier file); then asked again with the fault on.
      const refresh = page.getByRole("button", { name: "Vernieuwen" });
      await expect(refresh).toBeEnabled({ timeout: 30_000 });
      await arm();
      await refresh.click();
    },
  },
  {
    page: "/licentiegebruik", heading: "Licentiegebruik", sources: ["lr-a", "lr-b"],
    open: async (page, i, arm) => {
      const pupil = lookups[i]!;
      await page.goto("/licentiegebruik");
      await page.getByLabel("Naam (of een deel ervan)").fill(nameOf(pupil));
      await page.getByRole("button", { name: "Zoeken", exact: true }).click();
      await page.getByRole("button", { name: `Toon gebruik van ${nameOf(pupil)}` }).click();
      const refresh = page.getByRole("region", { name: new RegExp(nameOf(pupil)) }).getByRole("button", { name: "Vernieuwen" });
      await expect(refresh).toBeEnabled({ timeout: 30_000 });
      await arm();
      await refresh.click();
    },
  },
];

const table: string[][] = [];
const knobs = (request: APIRequestContext, sources: string[], value: object) =>
  request.put(`${ADMIN}/knobs`, { data: Object.fromEntries(sources.map((s) => [s, value])) });

test.describe.configure({ mode: "serial" });
test.afterAll(async ({ request }) => {
  await request.post(`${ADMIN}/reset`);
  const width = Math.max(...FAULTS.map((f) => f.name.length));
  console.log(`fault matrix (${table.length} cases, ${table.filter((r) => r[3] === "ok").length} honest):\n${table.map((r) => `  ${r[0]!.padEnd(16)} ${r[1]!.padEnd(width)}  ${r[3]}  ${r[2]}`).join("\n")}`);
});

for (const c of PAGES) {
  test(`${c.page}: every fault of its Sources ends in an honest state`, async ({ page, request }) => {
    test.setTimeout(FAULTS.length * 75_000);
    await signIn(page, c.account ?? "beheer-po");
    const bffErrors: string[] = [];
    page.on("response", (r: Response) => {
      if (new URL(r.url()).pathname.startsWith("/api/") && r.status() === 500) bffErrors.push(`${r.request().method()} ${new URL(r.url()).pathname} → 500`);
    });
    for (const [i, fault] of FAULTS.entries()) {
      await request.post(`${ADMIN}/reset`);
      const before = bffErrors.length;
      await c.open(page, i, () => knobs(request, c.sources, fault.knobs));
      const named = page.getByText(fault.shows).first();
      await expect(named, `${c.page} × ${fault.name}`).toBeVisible({ timeout: 60_000 });
      await expect(page.getByRole("heading", { level: 1, name: c.heading })).toBeVisible();
      const visible = await page.locator("body").innerText();
      expect(visible, "no stack trace").not.toMatch(/at .*\.(ts|js):\d+/);
      expect(visible, "no error page").not.toContain("Er ging iets mis");
      expect(bffErrors.slice(before), "no 500 from the BFF").toEqual([]);
      const said = (await named.textContent())!.trim().slice(0, 90);
      table.push([c.page, fault.name, said, "ok"]);
      // A 429 pauses the Source for its Retry-After: let it pass before the next fault.
      if (fault.name === "429") await page.waitForTimeout(1_500);
    }
    // The invalid-records case was an answer (with every record left out) and is kept in the
    // dashboard's cache: ask again with the Source healthy, so the files after this one see the data.
    await request.post(`${ADMIN}/reset`);
    const kept = FAULTS.findIndex((f) => f.name === "invalid records");
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/api/") && r.request().method() !== "HEAD" && r.status() === 200 && /refresh/.test(`${r.url()} ${r.request().postData() ?? ""}`));
    await c.open(page, kept, async () => undefined);
    await answered;
  });
}
