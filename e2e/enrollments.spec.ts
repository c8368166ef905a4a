import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { signIn } from "./sign-in";

test("enrollments: the Source filters by subject offering; tobedeleted records are hidden and counted", async ({ page }) => {
  await signIn(page, "beheer-vo");
  const all = (await (await page.request.get("/api/enrollments?pageSize=200")).json()) as { total: number; toBeDeleted: number };
  expect(all.total).toBeGreaterThan(15_000);
  expect(all.toBeDeleted).toBeGreaterThan(0);
  const res = await page.request.get("/api/enrollments?enrollmentType=subject&subjectOfferingId=sub-900B201-ne-h4b-2526&pageSize=200");
  expect(res.status()).toBe(200);
  const subject = (await res.json()) as { total: number; rows: { type: string; offering: string; studentKey: string }[] };
  expect(subject.total).toBeGreaterThan(10);
  expect(subject.total).toBeLessThan(40);
  expect(subject.rows.every((r) => r.type === "subject" && r.offering === "sub-900B201-ne-h4b-2526")).toBe(true);
  expect(JSON.stringify(subject)).not.toContain("ketenid");
});

test("enrollments refuse a filter the Edu-V spec does not know, with a clear message", async ({ page }) => {
  await signIn(page, "beheer-vo");
  const res = await page.request.get("/api/enrollments?enrollmentType=course");
  expect(res.status()).toBe(400);
  expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
    code: "invalid_input",
    message: expect.stringContaining("query.enrollmentType"),
  });
});

test("the Inschrijvingen page filters by subject offering through the Source, keeps the filter in the URL, exports what it shows and meets WCAG 2.1 AA", async ({
  page,
}) => {
  await signIn(page, "beheer-vo");
  await page.goto("/inschrijvingen");
  // Meridiaan College's thousands, grouped in Dutch: "18.235 inschrijvingen".
  await expect(page.getByText(/^\d{1,3}(\.\d{3})* inschrijvingen/)).toBeVisible();
  await page.getByLabel("Soort").selectOption("subject");
  await page.getByLabel("Vak- of lesgroepaanbod").selectOption("sub-900B201-ne-h4b-2526");
  await expect(page).toHaveURL(/subjectOfferingId=sub-900B201-ne-h4b-2526/);
  await expect
    .poll(async () => (await page.locator("tbody tr td:nth-child(3)").allTextContents()).every((c) => c === "sub-900B201-ne-h4b-2526"))
    .toBe(true);
  const count = Number((await page.getByText(/^\d+ inschrijvingen/).textContent())!.split(" ")[0]);
  expect(count).toBeGreaterThan(10);
  expect(count).toBeLessThan(40);
  await expect(page.locator("tbody tr").first().locator("td").first()).not.toHaveText("—");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Exporteer CSV" }).click()]);
  const text = (await (await download.createReadStream()).toArray()).join("");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toContain("leerling,leerlingsleutel,soort,aanbod");
  expect(lines.length - 1).toBe(count);
  expect(lines.slice(1).every((l) => l.includes(",vak,sub-900B201-ne-h4b-2526,"))).toBe(true);
  expect(text).not.toContain("ketenid");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("study year and location are filtered by the dashboard, since Edu-V has no query option for them", async ({ page }) => {
  await signIn(page, "beheer-vo");
  const all = (await (await page.request.get("/api/enrollments?enrollmentType=study")).json()) as { total: number };
  const year2 = (await (await page.request.get("/api/enrollments?enrollmentType=study&studyYear=2&pageSize=200")).json()) as {
    total: number;
    rows: { studyYear: number }[];
  };
  expect(year2.total).toBeGreaterThan(0);
  expect(year2.total).toBeLessThan(all.total);
  expect(year2.rows.every((r) => r.studyYear === 2)).toBe(true);
});
