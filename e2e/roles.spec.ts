import { expect, test } from "./fixtures";
import { signIn, signInWithBrowser } from "./sign-in";

// Expected navigation per demo account, written from the role descriptions of issue 3.
const CASES: Array<[account: string, nav: string[], schools: string[]]> = [
  ["beheer-po", ["Leerlingen", "Inschrijvingen", "Medewerkers", "Licentiegebruik", "Datakwaliteit", "Bronnen"], ["OBS De Regenboog"]],
  ["beheer-vo", ["Leerlingen", "Inschrijvingen", "Medewerkers", "Licentiegebruik", "Datakwaliteit", "Bronnen"], ["Meridiaan College"]],
  [
    "support",
    ["Licentiegebruik", "Datakwaliteit", "Bronnen"],
    ["OBS De Regenboog", "CBS De Wegwijzer", "Meridiaan College", "Scholengemeenschap De Horizon"],
  ],
  ["toestemming", ["Toestemming", "Bronnen"], ["Scholengemeenschap De Horizon", "CBS De Wegwijzer"]],
  ["auditor", ["Bronnen", "Toegangslog"], ["OBS De Regenboog", "Meridiaan College"]],
];

for (const [account, nav, schools] of CASES) {
  test(`${account} signs in and sees exactly its navigation and schools`, async ({ page }) => {
    await signInWithBrowser(page, account);
    await expect(page.getByRole("heading", { level: 1, name: /^Welkom/ })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link")).toHaveText(nav);
    await expect(page.getByLabel("School").locator("option")).toHaveText(schools);
  });
}

test("the account without a role gets a clear 'no access' page", async ({ page }) => {
  await signInWithBrowser(page, "geen-rol");
  await expect(page.getByRole("heading", { level: 1, name: "Geen toegang" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" })).toHaveCount(0);
});

test("a page the role does not allow is refused on the server, also when opened directly", async ({ page }) => {
  await signIn(page, "support");
  await page.goto("/leerlingen");
  await expect(page.getByRole("heading", { level: 1, name: "Geen toegang" })).toBeVisible();
});

test("anonymous visitors and forged session cookies go to the sign-in page", async ({ page, context }) => {
  await page.goto("/bronnen");
  await expect(page).toHaveURL(/\/inloggen/);
  await context.addCookies([{ name: "ldb.session", value: "forged", url: "http://localhost:3000" }]);
  await page.goto("/bronnen");
  await expect(page).toHaveURL(/\/inloggen/);
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("signing out ends the session on the server", async ({ page, context }) => {
  // A session of its own: the one the other tests share (e2e/global-setup.ts) must outlive this.
  await signInWithBrowser(page, "beheer-po");
  const cookie = (await context.cookies()).find((c) => c.name === "ldb.session")!;
  await page.getByRole("button", { name: "Afmelden" }).click();
  await expect(page.getByText("U bent afgemeld.")).toBeVisible();
  await context.addCookies([{ name: cookie.name, value: cookie.value, url: "http://localhost:3000" }]);
  await page.goto("/bronnen");
  await expect(page).toHaveURL(/\/inloggen/);
  const api = await page.request.get("/api/sources", { headers: { cookie: `ldb.session=${cookie.value}` } });
  expect(api.status()).toBe(401);
});

test("a BFF route answers only its own method", async ({ page }) => {
  await signIn(page, "beheer-po");
  expect((await page.request.post("/api/sources", { headers: { "x-ldb-csrf": "1" } })).status()).toBe(405);
});

test("the school switcher changes the school for the whole dashboard", async ({ page }) => {
  await signIn(page, "support");
  await page.getByLabel("School").selectOption({ label: "Meridiaan College" });
  await page.getByRole("button", { name: "Wissel" }).click();
  await expect(page.getByText("U werkt nu voor Meridiaan College")).toBeVisible();
});

test("the session cookie is HttpOnly and SameSite, and holds no personal data", async ({ page, context }) => {
  await signIn(page, "auditor");
  const cookie = (await context.cookies()).find((c) => c.name === "ldb.session")!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(cookie.value).not.toContain("@");
});

test("the auditor lists and filters the access log", async ({ page }) => {
  await signIn(page, "auditor");
  await page.goto("/toegangslog");
  await expect(page.getByRole("heading", { level: 1, name: "Toegangslog" })).toBeVisible();
  await page.getByLabel("Gegevens").selectOption({ label: "Licentiegebruik" });
  await page.getByRole("button", { name: "Filteren" }).click();
  await expect(page).toHaveURL(/[?&]dataKind=usage/);
  await expect(page.getByLabel("Gegevens")).toHaveValue("usage");
});

test("the interface speaks Dutch by default and English on request", async ({ page }) => {
  await signIn(page, "support");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("navigation", { name: "Main menu" }).getByRole("link")).toHaveText([
    "Licence usage",
    "Data quality",
    "Sources",
  ]);
  await page.goto("/bronnen");
  await expect(page.locator('tr[data-source="lr-a"]')).toContainText("Token obtained");
  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
});

test("a school administrator's student list is served page by page, without identifiers, and the auditor sees it logged", async ({
  browser,
}) => {
  const admin = await browser.newPage();
  await signIn(admin, "beheer-po");
  const res = await admin.request.post("/api/students", { data: { pageSize: 50, q: "" }, headers: { "x-ldb-csrf": "1" } });
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("no-store");
  const body = (await res.json()) as { total: number; rows: { maskedId: string }[] };
  expect(body.total).toBe(204);
  expect(body.rows).toHaveLength(50);
  expect(JSON.stringify(body)).not.toContain("ketenid");
  expect(body.rows[0]!.maskedId).toMatch(/^ECK iD ••••[0-9a-f]{4}$/);
  await admin.close();

  const auditor = await browser.newPage();
  await signIn(auditor, "auditor");
  await auditor.goto("/toegangslog?dataKind=students");
  await expect(auditor.locator("tbody tr").first()).toContainText("p.deboer@obsderegenboog.example");
  await expect(auditor.locator("tbody tr").first()).toContainText("50");
  await auditor.close();
});
