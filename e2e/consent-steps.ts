import { expect, type Browser, type Page } from "./fixtures";
import { signIn } from "./sign-in";

/**
 * The steps the consent specs share (consent-cycle, consent-withdraw): a signed-in page of its own,
 * De Horizon chosen in the switcher, a licence lookup by ECK iD, and a request asked through the form.
 */

export async function newPage(browser: Browser, account: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, account);
  return page;
}

export async function toHorizon(page: Page) {
  await page.getByLabel("School").selectOption({ label: "Scholengemeenschap De Horizon" });
  await page.getByRole("button", { name: "Wissel" }).click();
  await expect(page.getByText("U werkt nu voor Scholengemeenschap De Horizon")).toBeVisible();
}

/** Looks a pupil up by ECK iD on the Licentiegebruik page; returns what the named registry said. */
export async function registrySays(page: Page, eck: string, registry: string) {
  await page.goto("/licentiegebruik");
  await page.getByLabel("Kenmerk", { exact: true }).fill(eck);
  await page.getByRole("button", { name: "Opzoeken" }).click();
  const said = page.locator("li", { hasText: registry });
  await expect(said).toBeVisible();
  return said;
}

/** Asks a Provider for consent at De Horizon through the form and sends it at once; returns the request's consumerReferenceId. */
export async function ask(page: Page, provider: string, api: string): Promise<string> {
  await page.goto("/toestemming");
  // The matrix shows once the page has its data, so the button below is live (a click before hydration does nothing).
  await expect(page.getByRole("table", { name: /^Toestemming per aanbieder en gegevensdienst/ })).toBeVisible();
  await page.getByRole("button", { name: "Verzoek opstellen", exact: true }).click();
  const form = page.getByRole("form", { name: "Nieuw toestemmingsverzoek" });
  await expect(form.getByLabel("School")).toHaveValue("sg-de-horizon");
  await form.getByLabel("Aanbieder").selectOption({ label: provider });
  await form.getByLabel("Gegevensdienst (API)").selectOption(api);
  await form.getByRole("button", { name: "Versturen" }).click();
  const saved = form
    .getByRole("status")
    .filter({ hasText: "Opgeslagen en in de wachtrij gezet om te versturen, voor Scholengemeenschap De Horizon" });
  await expect(saved).toBeVisible();
  return /Kenmerk: ([0-9a-f-]{36})/.exec((await saved.textContent()) ?? "")![1]!;
}
