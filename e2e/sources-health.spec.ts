import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures";
import { signIn } from "./sign-in";

// LAS Alfa serves OBS De Regenboog, the school of the demo account beheer-po.
const ADMIN = "http://localhost:4100/_admin";
const SOURCE = "las-a";
const OP = "get-students-for-school";
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type Numbers = { received: number; kept: number; leftOut: number; givenName: number };

/** The students operation's numbers in a contract report; zeros when it holds no such section yet. */
function fromReport(text: string): Numbers {
  const section = text.split("\n## ").find((s) => s.includes(`(\`${OP}\`)`)) ?? "";
  const row = (label: string) => Number(new RegExp(`^\\| ${label} \\| (\\d+) \\|$`, "m").exec(section)?.[1] ?? 0);
  return {
    received: row("Records ontvangen"),
    kept: row("Records behouden"),
    leftOut: row("Records weggelaten"),
    givenName: row("`givenName`"),
  };
}

async function fromPage(page: Page): Promise<Numbers> {
  const op = page.locator(`[data-health-source="${SOURCE}"] [data-operation="${OP}"]`);
  const value = async (selector: string) => Number(await op.locator(selector).getAttribute("data-value"));
  return {
    received: await value('[data-metric="received"]'),
    kept: await value('[data-metric="kept"]'),
    leftOut: await value('[data-metric="leftOut"]'),
    givenName: await value('[data-counts="leftOutPaths"] tr[data-key="givenName"] td[data-value]'),
  };
}

test("three records left out by LAS Alfa show on the Bronnen page with their field path, in the contract report too, and the page meets WCAG 2.1 AA", async ({
  page,
  request,
}) => {
  await signIn(page, "beheer-po");
  await page.goto("/leerlingen");
  await expect(page.getByText("204 leerlingen")).toBeVisible();
  // Other tests of this run count into the same hours: what this test adds is measured against what was there.
  const before = await page.request.get(`/api/sources/contract-report?source=${SOURCE}`);
  expect(before.status()).toBe(200);
  const base = fromReport(await before.text());

  await request.put(`${ADMIN}/knobs`, { data: { [SOURCE]: { invalidRecords: 3 } } });
  await page.getByRole("button", { name: "Vernieuwen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "waren ongeldig" })).toContainText(
    "3 records waren ongeldig en zijn weggelaten (velden: givenName)",
  );

  await page.goto("/bronnen");
  await expect(page.getByRole("heading", { level: 2, name: "Contractgezondheid" })).toBeVisible();
  const source = page.locator(`[data-health-source="${SOURCE}"]`);
  await expect(source.getByRole("heading", { level: 3, name: "Leerlingadministratie Alfa" })).toBeVisible();
  await expect(
    source.getByRole("img", {
      name: /^Bevragingen van Leerlingadministratie Alfa per uur in de laatste 7 dagen: \d+ gelukt en \d+ mislukt/,
    }),
  ).toBeVisible();
  const shown = await fromPage(page);
  // One call of 204 students, 3 of them broken by the sandbox on givenName.
  expect(shown).toEqual({ received: base.received + 204, kept: base.kept + 201, leftOut: base.leftOut + 3, givenName: base.givenName + 3 });
  expect(shown.received).toBe(shown.kept + shown.leftOut);
  const op = source.locator(`[data-operation="${OP}"]`);
  await expect(op.getByRole("heading", { level: 4, name: /GET \/students\/school/ })).toBeVisible();
  await expect(op.getByRole("table", { name: "Weggelaten records per veldpad" }).getByRole("row", { name: /givenName/ })).toBeVisible();
  if (base.leftOut === 0) await expect(op.locator('[data-metric="leftOut"]')).toHaveText("3");

  // The report a school sends to the vendor: the same numbers, and nothing of the records themselves.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    source.getByRole("link", { name: /Contractrapport downloaden/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^contractrapport-${SOURCE}-\\d{4}-\\d{2}-\\d{2}\\.md$`));
  const report = await readFile(await download.path(), "utf8");
  expect(report).toContain("# Contractrapport: Leerlingadministratie Alfa");
  expect(report).toContain("Dit rapport bevat nooit waarden of identificatoren");
  expect(fromReport(report)).toEqual(shown);
  expect(report).toContain(`| Records weggelaten | ${shown.leftOut} |`);
  expect(report).toContain(`| \`givenName\` | ${shown.givenName} |`);
  expect(report).not.toMatch(/ketenid|@|900A101|99ZZ00/);

  const nl = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(nl.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Contract health" })).toBeVisible();
  await expect(op.getByRole("table", { name: "Records left out by field path" })).toBeVisible();
  const en = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(en.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
