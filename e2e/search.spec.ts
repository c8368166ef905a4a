import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures";
import { nameOf, regenboog } from "./regenboog";
import { signIn } from "./sign-in";

// Two pupils of OBS De Regenboog (the support desk's first school) who share a name, as the sandbox generates them.
const twins = regenboog.pupils.filter((p) => !p.leaver && regenboog.pupils.filter((q) => nameOf(q) === nameOf(p)).length === 2);
const shared = nameOf(twins[0]!);
const pair = regenboog.pupils.filter((p) => nameOf(p) === shared);
const LABEL = "Zoek leerling of medewerker";

const axe = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
};

test("the support desk finds two pupils of the same name in the header, told apart by group or year of birth; the link opens that pupil's usage", async ({
  page,
}) => {
  expect(pair).toHaveLength(2);
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  await signIn(page, "support");
  await page.getByLabel(LABEL).fill(shared);
  await page.getByRole("button", { name: "Zoek", exact: true }).click();

  const results = page.getByRole("list", { name: "Zoekresultaten" });
  const found = results.getByRole("link").filter({ hasText: shared });
  await expect(found).toHaveCount(2);
  await expect(page.getByRole("status").filter({ hasText: /gevonden/ })).toBeVisible();
  const texts = await found.allTextContents();
  expect(texts[0]).not.toBe(texts[1]);
  for (const p of pair) expect(texts.some((t) => t.includes(`geboren ${p.dateOfBirth.slice(0, 4)}`))).toBe(true);
  for (const t of texts) expect(t).toMatch(/groep so-900A101-/);
  await axe(page);

  // Escape closes the results and returns to the box.
  await page.getByLabel(LABEL).focus();
  await page.keyboard.press("Escape");
  await expect(results).toBeHidden();
  await expect(page.getByLabel(LABEL)).toBeFocused();
  await expect(page.getByLabel(LABEL)).toHaveValue(shared);

  await page.getByRole("button", { name: "Zoek", exact: true }).click();
  const first = results.getByRole("link").filter({ hasText: shared }).first();
  const href = (await first.getAttribute("href"))!;
  expect(href).toMatch(/^\/licentiegebruik\?studentKey=[0-9a-f]{32}$/);
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${href.replace("?", "\\?")}$`));
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(shared) })).toBeVisible();

  // Nothing typed or found in any URL the browser asked for.
  for (const p of pair) {
    for (const marker of [p.eck, encodeURIComponent(p.eck), p.familyName, p.dateOfBirth, encodeURIComponent(shared)]) {
      expect(urls.filter((u) => u.includes(marker))).toEqual([]);
    }
  }
});

test("at 375 px the search box is in the menu and fits", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, "support");
  await expect(page.getByLabel(LABEL)).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByLabel(LABEL).fill(shared);
  await page.getByRole("button", { name: "Zoek", exact: true }).click();
  // The menu stays open to show the results.
  await expect(page.getByRole("list", { name: "Zoekresultaten" }).getByRole("link").filter({ hasText: shared })).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "true");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await axe(page);
});

test("a consent manager has no search box", async ({ page }) => {
  await signIn(page, "toestemming");
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" })).toBeVisible();
  await expect(page.getByRole("search")).toHaveCount(0);
  await expect(page.getByLabel(LABEL)).toHaveCount(0);
});
