import { expect, type Page } from "@playwright/test";

/** Signs in through the sandbox's OpenID Connect provider with a demo account. */
export async function signIn(page: Page, account: string) {
  await page.goto("/inloggen");
  await page.getByRole("button", { name: "Inloggen met schoolaccount" }).click();
  await expect(page.getByLabel("Gebruikersnaam")).toBeVisible();
  await page.getByLabel("Gebruikersnaam").fill(account);
  await page.getByLabel("Wachtwoord").fill("demo");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL((url) => url.origin === "http://localhost:3000" && !url.pathname.startsWith("/inloggen"));
}
