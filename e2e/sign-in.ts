import { readFileSync } from "node:fs";
import { expect, type BrowserContext, type Page } from "@playwright/test";
import { authFile } from "./servers";

/** Signs in through the sandbox's OpenID Connect provider with a demo account, as a person does. */
export async function signInWithBrowser(page: Page, account: string) {
  await page.goto("/inloggen");
  await page.getByRole("button", { name: "Inloggen met schoolaccount" }).click();
  await expect(page.getByLabel("Gebruikersnaam")).toBeVisible();
  await page.getByLabel("Gebruikersnaam").fill(account);
  await page.getByLabel("Wachtwoord").fill("demo");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL((url) => url.origin === "http://localhost:3000" && !url.pathname.startsWith("/inloggen"));
}

/**
 * Signs in as a demo account with the session the global set-up made for it (e2e/global-setup.ts),
 * and opens the start page, where the browser sign-in ends too. The sign-in itself is tested where
 * it is the subject (roles.spec.ts, sign-out.spec.ts, the first run), with `signInWithBrowser`.
 */
export async function signIn(page: Page, account: string) {
  const state = JSON.parse(readFileSync(authFile(account), "utf8")) as { cookies: Parameters<BrowserContext["addCookies"]>[0] };
  await page.context().addCookies(state.cookies);
  await page.goto("/");
  await expect(page).not.toHaveURL(/\/inloggen/);
}
