import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "./fixtures";
import { signIn } from "./sign-in";

// The home page per role: what needs attention at the chosen school, each line a link to the page
// that shows the same thing; and the shell around every page (a sidebar on wide screens, a menu
// button on narrow ones). The e2e store lives for the whole run, so counts are measured against
// what was there before the test added to them.
const ADMIN = "http://localhost:4100/_admin";
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

async function newPage(browser: Browser, account: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, account);
  return page;
}

/** A line's count on the home page, 0 when the line is not there (nothing of that kind yet). */
async function countOf(page: Page, item: string): Promise<number> {
  const line = page.locator(`[data-item="${item}"]`);
  return (await line.count()) ? Number(await line.getAttribute("data-count")) : 0;
}

test("a school administrator's home page shows a Source leaving records out, and its link lands on the Bronnen page showing the same Source", async ({
  page,
  request,
}) => {
  await signIn(page, "beheer-po");
  await expect(page.getByRole("heading", { level: 1, name: "Welkom, Petra de Boer" })).toBeVisible();
  await expect(page.getByText("U werkt nu voor OBS De Regenboog als schoolbeheerder.")).toBeVisible();
  const card = page.getByRole("region", { name: "Gezondheid van de bronnen" });
  await expect(card).toBeVisible();
  await expect(page.getByRole("region", { name: "Toestemming bij de bronnen" })).toBeVisible();
  const ITEM = "sources:records_left_out:las-a::";
  const before = await countOf(page, ITEM);

  // LAS Alfa (OBS De Regenboog's LAS) sends three schema-invalid pupils in its next answer.
  await request.put(`${ADMIN}/knobs`, { data: { "las-a": { invalidRecords: 3 } } });
  expect((await page.request.post("/api/students", { data: { pageSize: 1 }, headers: { "x-ldb-csrf": "1" } })).status()).toBe(200);

  await page.goto("/");
  const line = card.locator(`[data-item="${ITEM}"]`);
  await expect(line).toHaveAttribute("data-count", String(before + 3));
  await expect(line.getByRole("link")).toHaveText(`Leerlingadministratie Alfa: ${before + 3} records weggelaten (ongeldig)`);
  // Nothing of a person on the home page: Sources by name, counts; no pupil, no identifier.
  await expect(page.locator("main")).not.toContainText(/ketenid|@|\d{4}[A-Z]{2}\d{2}/);
  await axe(page);

  await line.getByRole("link").click();
  await expect(page).toHaveURL(/\/bronnen#health-las-a$/);
  const source = page.locator('[data-health-source="las-a"]');
  await expect(source.getByRole("heading", { level: 3, name: "Leerlingadministratie Alfa" })).toBeVisible();
  const leftOut = await source
    .locator('[data-metric="leftOut"]')
    .evaluateAll((els) => els.reduce((n, el) => n + Number(el.getAttribute("data-value")), 0));
  expect(leftOut).toBe(before + 3);
  await expect(source.locator('[data-operation="get-students-for-school"] [data-counts="leftOutPaths"]')).toContainText("givenName");
});

/** Asks a Provider for consent through the form and sends it at once; returns the request's consumerReferenceId. */
async function ask(page: Page, provider: string, api: string): Promise<string> {
  await page.goto("/toestemming");
  await page.getByRole("button", { name: "Verzoek opstellen", exact: true }).click();
  const form = page.getByRole("form", { name: "Nieuw toestemmingsverzoek" });
  await expect(form.getByLabel("School")).toHaveValue("sg-de-horizon");
  await form.getByLabel("Aanbieder").selectOption({ label: provider });
  await form.getByLabel("Gegevensdienst (API)").selectOption(api);
  await form.getByRole("button", { name: "Versturen" }).click();
  const saved = form.getByRole("status").filter({ hasText: "Opgeslagen en in de wachtrij gezet om te versturen" });
  await expect(saved).toBeVisible();
  return /Kenmerk: ([0-9a-f-]{36})/.exec((await saved.textContent()) ?? "")![1]!;
}

test("a consent manager's home page shows a refused request, and its link lands on the consent page showing it", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  // Licentieregistratie Kompas refuses every request it collects.
  await request.put(`${ADMIN}/knobs`, { data: { "lr-b": { consentDecision: "refuse" } } });
  await signIn(page, "toestemming");
  const id = await ask(page, "Licentieregistratie Uitgeverij Kompas", "usage-api");
  await expect(page.getByTestId("cell-lr-b-usage-api")).toContainText("Afgewezen door de aanbieder", { timeout: 45_000 });

  await page.goto("/");
  const card = page.getByRole("region", { name: "Toestemmingsverzoeken" });
  // Kompas offers one API here, and its latest request is the refused one.
  const line = card.locator('[data-item="consentRequests:request_refused:lr-b::"]');
  await expect(line).toHaveAttribute("data-count", "1");
  await expect(line.getByRole("link")).toHaveText("Licentieregistratie Uitgeverij Kompas: 1 verzoek afgewezen");
  await expect(page.getByRole("region", { name: "Gezondheid van de bronnen" })).toHaveCount(0);
  await axe(page);

  await line.getByRole("link").click();
  await expect(page).toHaveURL(/\/toestemming\?provider=lr-b&status=refused$/);
  const row = page.getByTestId(`request-${id}`);
  await expect(row).toContainText("Licentieregistratie Uitgeverij Kompas");
  await expect(row).toContainText("Afgewezen door de aanbieder");
});

test("an auditor's home page shows an attempt by the support desk to show a pupil's identifiers, and its link opens the access log filtered on it", async ({
  page,
  browser,
}) => {
  await signIn(page, "auditor");
  const ITEM = "accessLog:reveal:support@leermiddelen.example:students:refused";
  const before = await countOf(page, ITEM);

  // The support desk may not show identifiers at OBS De Regenboog: refused, and logged for that school's auditor.
  const support = await newPage(browser, "support");
  const refused = await support.request.post("/api/students/reveal", { data: { key: "0".repeat(32) }, headers: { "x-ldb-csrf": "1" } });
  expect(refused.status()).toBe(403);
  await support.context().close();

  await page.reload();
  const card = page.getByRole("region", { name: "Getoonde kenmerken en exports" });
  const line = card.locator(`[data-item="${ITEM}"]`);
  await expect(line).toHaveAttribute("data-count", String(before + 1));
  await expect(line.getByRole("link")).toHaveText(
    `support@leermiddelen.example: ${before + 1} ${before + 1 === 1 ? "geweigerde poging" : "geweigerde pogingen"} kenmerken te tonen (Leerlingen)`,
  );
  await axe(page);

  await line.getByRole("link").click();
  await expect(page).toHaveURL(
    /\/toegangslog\?dataKind=students&outcome=refused&actor=support%40leermiddelen\.example&from=\d{4}-\d{2}-\d{2}$/,
  );
  await expect(page.getByLabel("Gegevens")).toHaveValue("students");
  await expect(page.getByLabel("Uitkomst")).toHaveValue("refused");
  const first = page.locator("tbody tr").first();
  await expect(first).toContainText("support@leermiddelen.example");
  await expect(first).toContainText("kenmerk getoond");
  await expect(first).toContainText("Geweigerd");
});

test("every role's home page meets WCAG 2.1 AA, in Dutch and in English, and says per card what needs attention or that nothing does", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const cards: Record<string, string[]> = {
    "beheer-po": ["sources", "consentGaps"],
    support: ["sources", "lookup"],
    toestemming: ["consentRequests"],
    auditor: ["accessLog"],
  };
  for (const [account, expected] of Object.entries(cards)) {
    const page = await newPage(browser, account);
    await expect(page.locator("[data-card]")).toHaveCount(expected.length);
    expect(await page.locator("[data-card]").evaluateAll((els) => els.map((el) => el.getAttribute("data-card")))).toEqual(expected);
    // Every attention card either lists lines or says in words that nothing (or nothing known) needs attention.
    for (const card of await page.locator("[data-state]").all()) {
      const state = await card.getAttribute("data-state");
      if (state === "attention") await expect(card.locator("li[data-item]").first()).toBeVisible();
      else await expect(card.locator("p").first()).not.toBeEmpty();
    }
    await expect(page).toHaveTitle("Overzicht · Leermiddelendashboard");
    await axe(page);
    if (account === "support") {
      await expect(page.getByRole("link", { name: "Een leerling of medewerker opzoeken" })).toHaveAttribute("href", "/licentiegebruik");
      await page.getByRole("button", { name: "English" }).click();
      await expect(page.getByRole("heading", { level: 2, name: "Source health" })).toBeVisible();
      await expect(page).toHaveTitle("Overview · Leermiddelendashboard");
      await axe(page);
      await page.getByRole("button", { name: "Nederlands" }).click();
      await expect(page.getByRole("heading", { level: 2, name: "Gezondheid van de bronnen" })).toBeVisible();
    }
    await page.context().close();
  }
});

test("each page has its own title", async ({ page }) => {
  await signIn(page, "beheer-po");
  const titles: Array<[path: string, name: string]> = [
    ["/leerlingen", "Leerlingen"],
    ["/inschrijvingen", "Inschrijvingen"],
    ["/medewerkers", "Medewerkers"],
    ["/licentiegebruik", "Licentiegebruik"],
    ["/datakwaliteit", "Datakwaliteit"],
    ["/bronnen", "Bronnen"],
    ["/toestemming", "Geen toegang"],
  ];
  for (const [path, name] of titles) {
    await page.goto(path);
    await expect(page).toHaveTitle(`${name} · Leermiddelendashboard`);
  }
  const manifest = await page.request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  expect(((await manifest.json()) as { icons: Array<{ src: string }> }).icons.map((i) => i.src)).toEqual(["/icons/icon.svg"]);
  expect((await page.request.get("/icons/icon.svg")).status()).toBe(200);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
});

/** How many lines each main-navigation link's text takes. */
const linesPerLink = (page: Page) =>
  page
    .getByRole("navigation", { name: "Hoofdmenu" })
    .getByRole("link")
    .evaluateAll((links) =>
      links.map((a) => {
        const range = document.createRange();
        range.selectNodeContents(a);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }),
    );

test("on a wide screen the navigation is a sidebar that never wraps; the school, language and sign-out are beside it", async ({ page }) => {
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    await signIn(page, "beheer-po");
    const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
    await expect(nav.getByRole("link")).toHaveText([
      "Leerlingen",
      "Inschrijvingen",
      "Medewerkers",
      "Licentiegebruik",
      "Datakwaliteit",
      "Bronnen",
    ]);
    expect(await linesPerLink(page)).toEqual([1, 1, 1, 1, 1, 1]);
    // One line per link: the nav is as high as its links, each one line of text high.
    const heights = await nav.getByRole("link").evaluateAll((links) =>
      links.map((a) => {
        const style = getComputedStyle(a);
        return (
          a.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) - parseFloat(style.lineHeight)
        );
      }),
    );
    for (const extra of heights) expect(Math.abs(extra)).toBeLessThan(1);
    const navBox = (await nav.boundingBox())!;
    const mainBox = (await page.locator("main").boundingBox())!;
    expect(navBox.x + navBox.width).toBeLessThanOrEqual(mainBox.x);
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    // One element labelled "School" on the home page: the switcher, as the other specs find it (no card's name holds the word).
    await expect(page.getByLabel("School")).toBeVisible();
    await expect(page.getByRole("button", { name: "English" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Afmelden" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Leerlingen" })).not.toHaveAttribute("aria-current");
    await nav.getByRole("link", { name: "Bronnen" }).click();
    await expect(nav.getByRole("link", { name: "Bronnen" })).toHaveAttribute("aria-current", "page");
  }
});

test("at 375 px a menu button opens the navigation, the school, language and sign-out, by mouse and keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, "support");
  const menu = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toHaveAttribute("aria-controls", "main-menu");
  await expect(nav).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator("#main-menu")).toBeVisible();
  await expect(nav.getByRole("link")).toHaveText(["Licentiegebruik", "Datakwaliteit", "Bronnen"]);
  expect(await linesPerLink(page)).toEqual([1, 1, 1]);
  await expect(page.getByLabel("School")).toBeVisible();
  await expect(page.getByRole("button", { name: "Wissel" })).toBeVisible();
  await expect(page.getByRole("button", { name: "English" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Afmelden" })).toBeVisible();
  await axe(page);

  // Escape closes it and gives the focus back to the button; Space opens it again.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await expect(nav).toBeHidden();
  await page.keyboard.press("Space");
  await expect(menu).toHaveAttribute("aria-expanded", "true");

  // The school switcher works from the menu; following a link closes it.
  await page.getByLabel("School").selectOption({ label: "Meridiaan College" });
  await page.getByRole("button", { name: "Wissel" }).click();
  await expect(page.getByText("U werkt nu voor Meridiaan College")).toBeVisible();
  await menu.click();
  await nav.getByRole("link", { name: "Bronnen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bronnen" })).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
});
