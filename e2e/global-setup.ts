import { mkdirSync } from "node:fs";
import { chromium, type FullConfig } from "@playwright/test";
import { ACCOUNTS, AUTH_DIR, authFile, BASE_URL, resetServers } from "./servers";
import { signInWithBrowser } from "./sign-in";

/**
 * Runs once per `playwright test`, after its web servers are up: signs every demo account in through
 * the demo IdP, as a person would, and keeps each one's cookies (`signIn` in the specs restores them,
 * so a test does not spend seconds on the sign-in flow). Each account's session is its own: tests
 * that end a session sign in with the browser themselves.
 */
export default async function globalSetup(config: FullConfig) {
  const launchOptions = config.projects[0]!.use.launchOptions;
  mkdirSync(AUTH_DIR, { recursive: true });
  const browser = await chromium.launch(launchOptions);
  try {
    const context = await browser.newContext({ baseURL: BASE_URL });
    await resetServers(context.request);
    for (const account of ACCOUNTS) {
      const page = await context.newPage();
      await signInWithBrowser(page, account);
      await context.storageState({ path: authFile(account) });
      await page.close();
      await context.clearCookies();
    }
    await context.close();
  } finally {
    await browser.close();
  }
}
