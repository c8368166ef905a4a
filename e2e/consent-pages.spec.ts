import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures";
import { signIn } from "./sign-in";

// The demo account "toestemming" holds the consent role at De Horizon (its first school) and De Wegwijzer.
// The e2e store outlives a run, so every check finds its own request by the reference the page reports.
// Nothing is sent here: sending and the Providers' answers are tested elsewhere.

const axe = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
};
const form = (page: Page) => page.getByRole("form", { name: "Nieuw toestemmingsverzoek" });
const REASON = "Geboortedatum voor de leeftijdsgroepen in de leesmethode";

/** Drafts a concept for las-b + students-api with one extra scope; returns its consumerReferenceId. */
async function saveConcept(page: Page): Promise<string> {
  await page.goto("/toestemming");
  await page.getByRole("button", { name: "Verzoek opstellen", exact: true }).click();
  const f = form(page);
  await expect(f.getByLabel("School")).toHaveValue("sg-de-horizon");
  await f.getByLabel("Aanbieder").selectOption({ label: "Leerlingadministratie Beta" });
  await f.getByLabel("Gegevensdienst (API)").selectOption("students-api");
  await expect(f.getByLabel("naam en kenmerken van leerlingen (eduv.student.basic)")).toBeChecked();
  const extra = f.getByLabel("geboortedatum en geslacht (eduv.student.demographics)");
  await expect(extra).not.toBeChecked();

  // An extra scope without a reason: the BFF refuses it in words, and nothing typed is lost.
  await extra.check();
  await expect(f.getByLabel("Reden", { exact: true })).toBeVisible();
  await f.getByRole("button", { name: "Opslaan als concept" }).click();
  await expect(f.getByRole("alert")).toContainText("Extra gegevens (eduv.student.demographics) vragen om een reden");
  await f.getByLabel("Reden", { exact: true }).fill("leeftijd");
  await f.getByRole("button", { name: "Opslaan als concept" }).click();
  await expect(f.getByRole("alert")).toContainText("minstens 10 tekens");
  await expect(f.getByLabel("Aanbieder")).toHaveValue("las-b");
  await expect(f.getByLabel("Gegevensdienst (API)")).toHaveValue("students-api");
  await expect(extra).toBeChecked();
  await expect(f.getByLabel("Reden", { exact: true })).toHaveValue("leeftijd");

  await f.getByLabel("Reden", { exact: true }).fill(REASON);
  await f.getByRole("button", { name: "Opslaan als concept" }).click();
  const saved = f.getByRole("status").filter({ hasText: "Opgeslagen als concept voor Scholengemeenschap De Horizon" });
  await expect(saved).toBeVisible();
  return /Kenmerk: ([0-9a-f-]{36})/.exec((await saved.textContent()) ?? "")![1]!;
}

test("a consent manager saves a concept: in the list and the matrix as Concept, with its history; extras need a reason", async ({
  page,
}) => {
  await signIn(page, "toestemming");
  const id = await saveConcept(page);
  await expect(page.getByRole("heading", { level: 1, name: "Toestemming" })).toBeVisible();

  const row = page.getByTestId(`request-${id}`);
  await expect(row).toContainText("Leerlingadministratie Beta");
  await expect(row).toContainText("Leerlingen (students-api)");
  await expect(row).toContainText("Concept");
  await expect(row).toContainText("extra");
  await expect(row).toContainText(`Reden: ${REASON}`);
  await expect(row).toContainText("door r.vandijk@sgdehorizon.example");
  await expect(row.getByRole("button", { name: /^Versturen/ })).toBeVisible();

  // The newest request of the pair fills its cell of the matrix.
  const cell = page.getByTestId("cell-las-b-students-api");
  await expect(
    page.getByRole("table", { name: "Toestemming per aanbieder en gegevensdienst voor Scholengemeenschap De Horizon" }),
  ).toBeVisible();
  await expect(cell).toContainText("Concept");
  await expect(cell).toContainText(/aangemaakt \d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
  await expect(page.getByTestId("cell-las-b-usage-api")).toContainText("Deze aanbieder levert deze gegevensdienst niet.");
  await expect(page.getByText(/^Bijgewerkt om \d{2}:\d{2}:\d{2}$/)).toBeVisible();

  const historyButton = row.getByRole("button", { name: /^Geschiedenis/ });
  await historyButton.click();
  await expect(historyButton).toHaveAttribute("aria-expanded", "true");
  const history = page.locator(`#history-${id}`);
  await expect(history.getByRole("heading", { level: 3, name: "Geschiedenis" })).toBeVisible();
  await expect(history).toContainText(`Kenmerk (consumerReferenceId): ${id}`);
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history.getByRole("listitem").first()).toContainText("r.vandijk@sgdehorizon.example · aangemaakt: Concept");
  await axe(page);
});

test("the list's filters live in the URL", async ({ page }) => {
  await signIn(page, "toestemming");
  const id = await saveConcept(page);
  const filters = page.getByRole("group", { name: "Filters" });
  const row = page.getByTestId(`request-${id}`);

  await filters.getByLabel("Gegevensdienst").selectOption("students-api");
  await expect(page).toHaveURL(/[?&]api=students-api/);
  await filters.getByLabel("Aanbieder").selectOption({ label: "Leerlingadministratie Beta" });
  await expect(page).toHaveURL(/[?&]provider=las-b/);
  await filters.getByLabel("Status").selectOption({ label: "Concept" });
  await expect(page).toHaveURL(/[?&]status=concept/);
  // "Since" a day: changed on or after its start, and this request was made just now.
  const today = new Date().toISOString().slice(0, 10);
  await filters.getByLabel("Gewijzigd sinds").fill(today);
  await expect(page).toHaveURL(new RegExp(`[?&]since=${today}`));
  await expect(row).toBeVisible();

  await page.reload();
  await expect(filters.getByLabel("Status")).toHaveValue("concept");
  await expect(filters.getByLabel("Gewijzigd sinds")).toHaveValue(today);
  await expect(row).toBeVisible();

  await filters.getByLabel("Status").selectOption({ label: "Bevestigd" });
  await expect(page).toHaveURL(/[?&]status=confirmed/);
  await expect(row).toHaveCount(0);
  await filters.getByLabel("Status").selectOption({ label: "Alle" });
  await expect(page).not.toHaveURL(/status=/);
  await expect(row).toBeVisible();
});

test("the licence usage page's link prefills the Provider and the API", async ({ page }) => {
  await signIn(page, "toestemming");
  await page.goto("/toestemming?requestApi=usage-api&requestProvider=lr-b");
  const f = form(page);
  await expect(f.getByLabel("Aanbieder")).toHaveValue("lr-b");
  await expect(f.getByLabel("Gegevensdienst (API)")).toHaveValue("usage-api");
  await expect(f.getByLabel("licentiegebruik (aanspraken) (eduv.usage.dashboard)")).toBeChecked();
  await expect(f.getByText("Voor deze gegevensdienst zijn er geen extra gegevens.")).toBeVisible();
  await expect(f.getByLabel("School")).toHaveValue("sg-de-horizon");
  await axe(page);
});

test("the consent pages meet WCAG 2.1 AA in Dutch and English", async ({ page }) => {
  await signIn(page, "toestemming");
  await page.goto("/toestemming?requestApi=students-api&requestProvider=las-b");
  await expect(page.getByRole("heading", { level: 2, name: "Overzicht per aanbieder" })).toBeVisible();
  await expect(form(page).getByLabel("Aanbieder")).toHaveValue("las-b");
  await axe(page);

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Consent" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Overview per Provider" })).toBeVisible();
  const f = page.getByRole("form", { name: "New consent request" });
  await expect(f.getByLabel("Provider")).toHaveValue("las-b");
  await f.getByLabel("date of birth and gender (eduv.student.demographics)").check();
  await f.getByRole("button", { name: "Save as draft" }).click();
  await expect(f.getByRole("alert")).toContainText("Extra scopes (eduv.student.demographics) need a reason");
  await expect(page.getByRole("table", { name: "Consent per Provider and API for Scholengemeenschap De Horizon" })).toBeVisible();
  await axe(page);
  await page.getByRole("button", { name: "Nederlands" }).click();
});

test("consent a Provider already held for the school shows in the matrix as such, with its reference, not as 'not requested'", async ({
  page,
}) => {
  // Leerlingadministratie Beta (las-b) held consent for De Horizon's association-api before anyone asked
  // (the sandbox reports it without a consumerReferenceId); the dashboard's status poll records it.
  await signIn(page, "toestemming");
  await page.goto("/toestemming");
  const cell = page.getByTestId("cell-las-b-association-api");
  await expect(cell).toContainText("Bij de aanbieder bekend: toestemming gegeven", { timeout: 30_000 });
  await expect(cell).toContainText("referentie las-b-held-900B202-association-api");
  await expect(cell).not.toContainText("Nog niet gevraagd");
  await axe(page);
});
