import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { signIn } from "./sign-in";

test("the Sources page lists the configured Sources and gets a token from each sandbox authorization server", async ({ page }) => {
  await signIn(page, "support");
  await page.goto("/bronnen");
  await expect(page.getByRole("heading", { level: 1, name: "Bronnen" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Ingestelde bronnen en tokenstatus" }).locator("tbody tr")).toHaveCount(5);
  // private_key_jwt: the sandbox fetched our JWKS from /.well-known/jwks.json and accepted the assertion.
  for (const id of ["las-a", "lr-a", "lr-b", "am"]) {
    await expect(page.locator(`tr[data-source="${id}"]`)).toContainText("Token verkregen");
  }
  // client_secret_basic with the secret from the environment.
  await expect(page.locator('tr[data-source="las-b"]')).toContainText("Token verkregen");
  await expect(page.locator('tr[data-source="las-a"]')).toContainText("Leerlingadministratie (LAS)");
  const html = await page.content();
  expect(html).not.toContain("localhost:4100");
  expect(html).not.toContain("oauth2/token");
  expect(html).not.toMatch(/access_token|Bearer /);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("the sign-in page is in Dutch, lists the demo accounts and has no WCAG 2.1 A/AA violations", async ({ page }) => {
  await page.goto("/inloggen");
  await expect(page.getByRole("heading", { name: "Demo-accounts" })).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("the dashboard publishes only a public key as its JWKS", async ({ request }) => {
  const res = await request.get("/.well-known/jwks.json");
  expect(res.ok()).toBe(true);
  const jwks = (await res.json()) as { keys: Record<string, unknown>[] };
  expect(jwks.keys).toHaveLength(1);
  expect(jwks.keys[0]).toMatchObject({ kty: "RSA", use: "sig", alg: "RS256" });
  for (const privatePart of ["d", "p", "q", "dp", "dq", "qi"]) expect(jwks.keys[0]).not.toHaveProperty(privatePart);
});
