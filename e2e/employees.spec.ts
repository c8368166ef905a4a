import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures";
import { generateSchool } from "../sandbox/data/generate";
import { SCHOOLS } from "../sandbox/data/schools";
import { signIn } from "./sign-in";

// Expected values come from the sandbox's own deterministic data, not from the dashboard.
const meridiaan = generateSchool(
  "leermiddelendashboard",
  SCHOOLS.find((s) => s.orgMasterId === "900B201")!,
  "demo",
);
const employee = meridiaan.employees.find((e) => (meridiaan.assignments.get(e.index) ?? []).some((a) => a.assignmentType === "coach"))!;
const assignments = meridiaan.assignments.get(employee.index)!;
const name = [employee.givenName, employee.familyNamePrefix, employee.familyName].filter(Boolean).join(" ");

const axe = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
};

test("an employee's assignments are looked up by identifier, filtered by type and exported; the identifier never reaches a URL", async ({
  page,
}) => {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  await signIn(page, "beheer-vo");
  await page.goto("/medewerkers");
  await axe(page);
  await page.getByLabel("Soort kenmerk").selectOption("NEPRI");
  await page.getByLabel("Kenmerk", { exact: true }).fill(employee.nepri);
  await page.getByRole("button", { name: "Opzoeken" }).click();
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(name) })).toBeVisible();
  await expect(page.getByText(`${assignments.length} toewijzingen`)).toBeVisible();
  const teachers = assignments.filter((a) => a.assignmentType === "teacher").length;
  const coached = assignments.filter((a) => a.assignmentType === "coach").length;
  await expect(page.locator("tbody tr", { hasText: "docent" })).toHaveCount(teachers);
  // A coach's pupils are named for a school administrator, and link to their page.
  await expect(page.locator("tbody tr", { hasText: "coach" }).first().getByRole("link")).toBeVisible();

  await page.getByLabel("Soort toewijzing").selectOption("coach");
  await expect(page).toHaveURL(/assignmentType=coach/);
  await expect(page.getByText(`${coached} toewijzingen`)).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Exporteer CSV" }).click()]);
  const lines = (await (await download.createReadStream()).toArray()).join("").trim().split("\r\n");
  expect(lines[0]).toContain("medewerker,kenmerk,soort");
  expect(lines.length - 1).toBe(coached);
  expect(lines.slice(1).every((l) => l.includes(",coach,"))).toBe(true);
  expect(lines.join("\n")).not.toContain(employee.nepri);
  await axe(page);

  expect(urls.filter((u) => u.includes(employee.nepri) || u.includes(encodeURIComponent(employee.nepri)))).toEqual([]);
  expect(page.url()).not.toContain(employee.nepri.split("@")[0]!);
});

test("the school's staff list: pick a known employee, take them off the list and save them back", async ({ page }) => {
  await signIn(page, "beheer-vo");
  await page.goto("/medewerkers");
  await page.getByLabel(/Kies uit \d+ medewerkers/).selectOption({ label: `${name} (NEPRI ••••${employee.nepri.slice(-4)})` });
  await expect(page.getByText(`${assignments.length} toewijzingen`)).toBeVisible();
  await expect(page.getByText("Staat op de medewerkerslijst van de school.")).toBeVisible();
  await page.getByRole("button", { name: "Van de lijst halen" }).click();
  // Off the list, the same key no longer resolves; the lookup says so rather than going blank.
  await expect(page.getByRole("alert").filter({ hasText: "Niet gevonden" })).toBeVisible();
  await page.getByLabel("Kenmerk", { exact: true }).fill(employee.nepri);
  await page.getByRole("button", { name: "Opzoeken" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /Medewerker \(nog zonder naam\)/ })).toBeVisible();
  await page.getByLabel("Naam voor de medewerkerslijst").fill(name);
  await page.getByRole("button", { name: "Bewaar op de lijst" }).click();
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(name) })).toBeVisible();
  await expect(page.getByText("Staat op de medewerkerslijst van de school.")).toBeVisible();
});

test("the Medewerkers page meets WCAG 2.1 AA in English", async ({ page }) => {
  await signIn(page, "beheer-vo");
  await page.goto("/medewerkers");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();
  await page.getByLabel(/Pick from \d+ employees/).selectOption({ index: 1 });
  await expect(page.getByText(/\d+ assignments/)).toBeVisible();
  await axe(page);
  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Medewerkers" })).toBeVisible();
});
