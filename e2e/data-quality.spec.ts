import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures";
import { ANOMALY_COUNTS } from "../sandbox/data/anomalies";
import { signIn } from "./sign-in";

// Issue 25, data quality over the LAS lists, against the sandbox's seeded anomalies: with the knob
// seedAnomalies on, each school's LAS answers hold records that trip each check a known number of
// times (sandbox/data/anomalies.ts); the generated data trips none (sandbox/anomalies.test.ts).
const ADMIN = "http://localhost:4100/_admin";
const TOTAL = Object.values(ANOMALY_COUNTS).reduce((a, b) => a + b, 0);

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations).toEqual([]);
}

test("the checks find exactly the anomalies the LAS sends, each with what it means, who acts, a ticket text without personal data and a CSV", async ({
  page,
  request,
}) => {
  await request.put(`${ADMIN}/knobs`, { data: { "las-b": { seedAnomalies: true } } });
  await signIn(page, "beheer-vo");
  await page.goto("/datakwaliteit");
  await expect(page.getByRole("heading", { level: 1, name: "Datakwaliteit" })).toBeVisible();
  await expect(page.getByText(`7 controles, ${TOTAL} bevindingen`)).toBeVisible({ timeout: 30_000 });
  for (const [id, n] of Object.entries(ANOMALY_COUNTS)) {
    const section = page.locator(`section[data-check="${id}"]`);
    await expect(section, id).toHaveAttribute("data-count", String(n));
    await expect(section.getByText(n === 1 ? "1 bevinding" : `${n} bevindingen`, { exact: true }), id).toBeVisible();
  }

  const noEck = page.locator('section[data-check="no_eck"]');
  await expect(noEck.getByRole("heading", { level: 2, name: "Leerlingen zonder ECK iD" })).toBeVisible();
  await expect(noEck).toContainText("De school, in de eigen leerlingadministratie (LAS).");
  const ticket = await noEck.getByRole("textbox").inputValue();
  expect(ticket).toContain("Meridiaan College");
  expect(ticket).toContain("2 bevindingen");
  // The rows name each pupil only by a masked identifier; the ticket names none of them.
  const masked = await noEck.getByRole("row").allInnerTexts();
  for (const row of masked.slice(1)) expect(ticket).not.toContain(row.split("\t")[0]!.trim());
  expect(ticket).not.toMatch(/anomaly-|ketenid/);

  const download = page.waitForEvent("download");
  await noEck.getByRole("button", { name: /^Exporteer CSV/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("datakwaliteit-no_eck-meridiaan-college.csv");
  const lines = readFileSync((await file.path())!, "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  expect(lines[0]).toBe("controle,kenmerk,sleutel,inschrijving,detail");
  expect(lines).toHaveLength(1 + ANOMALY_COUNTS.no_eck);
  // No raw identifier in the file either: only masked ones and opaque keys.
  expect(lines.join("\n")).not.toMatch(/anomaly-p\d\d@|anomaly-bpi/);
  expect(page.url()).toBe("http://localhost:3000/datakwaliteit");
  await axe(page);

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Data quality" })).toBeVisible();
  await expect(page.getByText(`7 checks, ${TOTAL} findings`)).toBeVisible();
  await axe(page);
  await page.getByRole("button", { name: "Nederlands" }).click();
});

test("without anomalies every check says it found nothing; a LAS that cannot be read is named, and nothing is called fine", async ({
  page,
  request,
}) => {
  await signIn(page, "support");
  await page.goto("/datakwaliteit");
  await expect(page.getByText("7 controles, geen bevindingen")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Geen bevindingen.")).toHaveCount(7);

  await request.put(`${ADMIN}/knobs`, { data: { "las-a": { errorRate: 1 } } });
  await page.getByRole("button", { name: /^Vernieuwen/ }).click();
  await expect(page.getByText("Niets gecontroleerd: er kon geen lijst uit een leerlingadministratie worden gelezen")).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page.getByText(/Leerlingadministratie Alfa: .* De leerlingen en inschrijvingen uit deze LAS zijn niet gecontroleerd/),
  ).toBeVisible();
  await expect(page.getByText("Geen bevindingen.")).toHaveCount(0);
  await axe(page);
});
