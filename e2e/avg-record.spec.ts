import AxeBuilder from "@axe-core/playwright";
import { DEMO_ACCOUNTS } from "../sandbox/idp/accounts";
import { expect, test, type Browser, type Page } from "./fixtures";
import { signIn } from "./sign-in";

// A pupil's AVG record (issue 25 item 3): the accesses a school administrator makes to one pupil are
// exactly the ones the auditor's record lists, and opening the record is itself in the access log.
// The e2e store lives for the whole run, so the record is measured against what it held before.
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const emailOf = (id: string) => DEMO_ACCOUNTS.find((a) => a.id === id)!.email;
const ADMIN = emailOf("beheer-po");
const AUDITOR = emailOf("auditor");
type Access = { actor: string; dataKind: string; action: string; outcome: string };

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

async function newPage(browser: Browser, account: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, account);
  return page;
}

/** The record as GET /api/students/avg answers the auditor (itself an opening, logged). */
async function accessesOf(page: Page, key: string): Promise<Access[]> {
  const res = await page.request.get(`/api/students/avg?key=${key}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { accesses: Access[] }).accesses;
}

test("the AVG record lists exactly the accesses made to a pupil, and its opening is in the access log", async ({ page, browser }) => {
  test.setTimeout(90_000);
  // The school administrator of OBS De Regenboog picks a pupil from the list: the key comes from the URL.
  const admin = await newPage(browser, "beheer-po");
  await admin.goto("/leerlingen");
  const link = admin.locator("tbody tr[aria-rowindex]").nth(11).getByRole("link");
  const name = (await link.textContent())!.trim();
  // Before anyone opens the pupil's page in this test: the record as it stood (the auditor's first opening).
  await signIn(page, "auditor");
  const key = (await link.getAttribute("href"))!.split("/").at(-1)!;
  expect(key).toMatch(/^[0-9a-f]{32}$/);
  const before = await accessesOf(page, key);

  // The administrator opens the pupil's page and reveals the full identifiers.
  await link.click();
  await expect(admin.getByRole("heading", { level: 1, name })).toBeVisible();
  await Promise.all([
    admin.waitForResponse("**/api/students/reveal"),
    admin.getByRole("button", { name: "Toon volledige kenmerken" }).click(),
  ]);
  await admin.context().close();

  // The auditor opens the record: the newest rows are exactly the reveal, the page and the auditor's first opening.
  await page.goto(`/avg/${key}`);
  await expect(page.getByRole("heading", { level: 1, name: `AVG-overzicht van ${name}` })).toBeVisible();
  expect(decodeURIComponent(page.url())).not.toContain(name.split(" ").at(-1)!);
  const rows = page.getByRole("table", { name: "Inzages van deze leerling, nieuwste eerst" }).locator("tbody tr");
  await expect(rows).toHaveCount(before.length + 3);
  const newest = await rows.evaluateAll((trs) =>
    trs.slice(0, 3).map((tr) => [...tr.querySelectorAll("td, th")].slice(1).map((c) => c.textContent)),
  );
  expect(newest).toEqual([
    [ADMIN, "schooladmin", "Leerlingen · kenmerk getoond", "Getoond"],
    [ADMIN, "schooladmin", "Leerlingen · details", "Getoond"],
    [AUDITOR, "auditor", "Toegangslog · details", "Getoond"],
  ]);
  await axe(page);

  // Printed, only the record shows: no navigation.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header").first()).toBeHidden();
  await expect(page.getByRole("button", { name: "Afdrukken" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  // The opening itself is in the access log, naming the pupil: its row links back to this record.
  await page.goto("/toegangslog?dataKind=accesslog");
  const first = page.locator("tbody tr").first();
  await expect(first).toContainText(AUDITOR);
  await expect(first).toContainText("details");
  await expect(first.getByRole("link", { name: "AVG-overzicht" })).toHaveAttribute("href", `/avg/${key}`);

  // In English too.
  await page.goto(`/avg/${key}`);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Privacy record (AVG) of ${name}` })).toBeVisible();
  await axe(page);
  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `AVG-overzicht van ${name}` })).toBeVisible();
});

test("only the auditor opens an AVG record: a school administrator is sent to 'geen toegang'", async ({ page }) => {
  await signIn(page, "beheer-po");
  await page.goto(`/avg/${"0".repeat(32)}`);
  await expect(page).toHaveURL(/\/geen-toegang$/);
});
