import { expect, test } from "./fixtures";
// Sessions of their own, signed in as a person does: these tests end them.
import { signInWithBrowser as signIn } from "./sign-in";

/** Sign-out leaves nothing of a pupil behind in the browser: not in memory, storage, cache or history. */
test("after sign-out the browser holds no pupil's data, and going back shows none", async ({ page, context }) => {
  await signIn(page, "beheer-vo");
  await page.goto("/leerlingen");
  await expect(page.getByText("1.400 leerlingen")).toBeVisible();
  const link = page.locator("tbody tr[aria-rowindex]").nth(4).getByRole("link");
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("table", { name: "Inschrijvingen" }).locator("tbody tr").first()).toBeVisible();
  // A mark in this page's script memory, where the react-query cache with the pupil's data lives.
  await page.evaluate(() => {
    (window as unknown as { __ldbMark?: number }).__ldbMark = 1;
    sessionStorage.setItem("probe", "x");
  });

  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/api/sign-out"),
    page.getByRole("button", { name: "Afmelden" }).click(),
  ]);
  expect(answer.request().method()).toBe("POST");
  expect(answer.status()).toBe(303);
  // allHeaders(): headers() leaves out security-related ones such as this.
  expect((await answer.allHeaders())["clear-site-data"]).toBe('"cache", "storage", "cookies"');
  await expect(page.getByText("U bent afgemeld.")).toBeVisible();

  // A new document: the old page's memory (and the query cache in it) is gone; storage is empty.
  const left = await page.evaluate(async () => ({
    mark: (window as unknown as { __ldbMark?: number }).__ldbMark ?? null,
    session: sessionStorage.length,
    local: localStorage.length,
    caches: (await caches.keys()).length,
  }));
  expect(left).toEqual({ mark: null, session: 0, local: 0, caches: 0 });
  expect((await context.cookies("http://localhost:3000")).map((c) => c.name)).not.toContain("ldb.session");

  // Back to the pupil's page: loaded anew (never from the back/forward cache), so the sign-in page, no name.
  await page.goBack();
  await expect(page).toHaveURL(/\/inloggen/);
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __ldbMark?: number }).__ldbMark ?? null)).toBeNull();

  // With every cookie cleared, signing in again works as the first time.
  await signIn(page, "beheer-vo");
  await page.goto("/leerlingen");
  await expect(page.getByText("1.400 leerlingen")).toBeVisible();
});

test("another site cannot sign a user out", async ({ page }) => {
  await signIn(page, "auditor");
  const forced = await page.request.post("/api/sign-out", { headers: { origin: "https://evil.example" }, maxRedirects: 0 });
  expect(forced.status()).toBe(403);
  await page.goto("/toegangslog");
  await expect(page.getByRole("heading", { level: 1, name: "Toegangslog" })).toBeVisible();
});
