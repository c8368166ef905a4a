import { expect, test, type APIRequestContext } from "./fixtures";
import { signIn } from "./sign-in";

// The sandbox's knobs (loopback-only admin endpoint) make LAS Alfa misbehave for OBS De Regenboog.
const ADMIN = "http://localhost:4100/_admin";
const knobs = (request: APIRequestContext, value: object) => request.put(`${ADMIN}/knobs`, { data: { "las-a": value } });

const CASES: Array<[string, (r: APIRequestContext) => Promise<unknown>, RegExp]> = [
  ["the Source is down", (r) => knobs(r, { errorRate: 1 }), /De bron meldt een storing/],
  [
    "consent is missing at the Source (0022)",
    (r) => r.put(`${ADMIN}/consent`, { data: { sourceId: "las-a", orgMasterId: "900A101", api: "students-api", granted: false } }),
    /Toestemming ontbreekt bij de bron.*\(0022\)/,
  ],
  ["the Source answers malformed JSON", (r) => knobs(r, { malformedJsonRate: 1 }), /onleesbaar of onjuist antwoord/],
];

for (const [label, arrange, message] of CASES) {
  test(`${label}: an honest message, and the rows already shown stay`, async ({ page, request }) => {
    await signIn(page, "beheer-po");
    await page.goto("/leerlingen");
    await expect(page.getByText("204 leerlingen")).toBeVisible();
    await arrange(request);
    await page.getByRole("button", { name: "Vernieuwen" }).click();
    await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
    // The rows already shown stay in the (virtualised) list.
    expect(await page.locator("tbody tr[aria-rowindex]").count()).toBeGreaterThan(10);
    await expect(page.locator("tbody tr[aria-rowindex] td a").first()).toBeVisible();
    expect(await page.content()).not.toMatch(/at .*\.(ts|js):\d+/);
  });
}

test("1% invalid records: the list stays, with the number left out and their fields", async ({ page, request }) => {
  await signIn(page, "beheer-po");
  await page.goto("/leerlingen");
  await expect(page.getByText("204 leerlingen")).toBeVisible();
  await knobs(request, { invalidRecordRate: 0.01, invalidRecords: 2 });
  await page.getByRole("button", { name: "Vernieuwen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "waren ongeldig" })).toContainText(
    /\d+ records waren ongeldig en zijn weggelaten \(velden: givenName\)/,
  );
  await expect(page.getByText(/^20[0-2] leerlingen$/)).toBeVisible();
  // Once the Source answers cleanly again, a refresh brings every student back.
  await knobs(request, { invalidRecordRate: 0, invalidRecords: 0 });
  await page.getByRole("button", { name: "Vernieuwen" }).click();
  await expect(page.getByText("204 leerlingen")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "waren ongeldig" })).toHaveCount(0);
});

// The same knobs on the other lists of issue 4, this time before anything was shown.
const FIRST_LOAD: Array<[string, (r: APIRequestContext) => Promise<unknown>, RegExp]> = [
  ["the Source is down", (r) => knobs(r, { errorRate: 1 }), /De bron meldt een storing/],
  [
    "consent is missing at the Source (0022)",
    (r) => r.put(`${ADMIN}/consent`, { data: { sourceId: "las-a", orgMasterId: "900A101", api: "association-api", granted: false } }),
    /Toestemming ontbreekt bij de bron.*\(0022\)/,
  ],
  ["the Source answers malformed JSON", (r) => knobs(r, { malformedJsonRate: 1 }), /onleesbaar of onjuist antwoord/],
];

for (const [label, arrange, message] of FIRST_LOAD) {
  test(`Inschrijvingen when ${label}: an honest message on a usable page`, async ({ page, request }) => {
    await signIn(page, "beheer-po");
    await arrange(request);
    await page.goto("/inschrijvingen");
    await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Inschrijvingen" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Vernieuwen" })).toBeEnabled();
    expect(await page.content()).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  test(`Medewerkers when ${label}: an honest message on a usable page`, async ({ page, request }) => {
    await signIn(page, "beheer-po");
    await page.goto("/medewerkers");
    await arrange(request);
    await page.getByLabel(/Kies uit \d+ medewerkers/).selectOption({ index: 1 });
    await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
    await expect(page.getByRole("button", { name: "Opzoeken" })).toBeEnabled();
    expect(await page.content()).not.toMatch(/at .*\.(ts|js):\d+/);
  });
}

test("Inschrijvingen with 1% invalid records: the list stays, with the number left out and their fields", async ({ page, request }) => {
  await signIn(page, "beheer-po");
  await knobs(request, { invalidRecordRate: 0.01, invalidRecords: 3 });
  await page.goto("/inschrijvingen");
  await expect(page.getByRole("status").filter({ hasText: "waren ongeldig" })).toContainText(
    /\d+ records waren ongeldig en zijn weggelaten \(velden: /,
  );
  await expect(page.locator("tbody tr").first()).toBeVisible();
});
