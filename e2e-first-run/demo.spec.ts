import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";

// Run by scripts/first-run.mjs against `npm install && npm run demo` in a fresh clone. Every demo
// account the README lists signs in through the demo IdP and opens every page it may see and one
// it may not; nothing may go wrong anywhere: no 5xx, no page or console error, no error line in
// the demo's own output. Accounts and pages are written from the README and the role
// descriptions, not read from the code.
type Account = { id: string; home: string; pages: Array<[path: string, heading: string | RegExp]>; refused: string };

const ADMIN_PAGES: Account["pages"] = [
  ["/leerlingen", "Leerlingen"],
  ["/inschrijvingen", "Inschrijvingen"],
  ["/medewerkers", "Medewerkers"],
  ["/licentiegebruik", "Licentiegebruik"],
  ["/datakwaliteit", "Datakwaliteit"],
  ["/bronnen", "Bronnen"],
];
const ACCOUNTS: Account[] = [
  { id: "beheer-po", home: "Welkom, Petra de Boer", pages: ADMIN_PAGES, refused: "/toestemming" },
  { id: "beheer-vo", home: "Welkom, Karim Yilmaz", pages: ADMIN_PAGES, refused: "/toegangslog" },
  {
    id: "support",
    home: "Welkom, Sanne Visser",
    pages: [
      ["/licentiegebruik", "Licentiegebruik"],
      ["/datakwaliteit", "Datakwaliteit"],
      ["/bronnen", "Bronnen"],
    ],
    refused: "/leerlingen",
  },
  {
    id: "toestemming",
    home: "Welkom, Ruud van Dijk",
    pages: [
      ["/toestemming", "Toestemming"],
      ["/bronnen", "Bronnen"],
    ],
    refused: "/medewerkers",
  },
  {
    id: "auditor",
    home: "Welkom, Fatima Ali",
    pages: [
      ["/bronnen", "Bronnen"],
      ["/toegangslog", "Toegangslog"],
    ],
    refused: "/inschrijvingen",
  },
  { id: "geen-rol", home: "Geen toegang", pages: [], refused: "/bronnen" },
];

/** Everything that went wrong on a page: server errors of any answer, script errors, console errors. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("response", (res) => {
    if (res.status() >= 500) problems.push(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error on ${page.url()} (${msg.location().url}): ${msg.text()}`);
  });
  return problems;
}

async function open(page: Page, path: string, heading: string | RegExp) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  // Let the page's own requests to the BFF finish: their failures count too.
  await page.waitForLoadState("networkidle");
}

test("the sign-in page lists exactly the README's demo accounts", async ({ page }) => {
  const problems = watch(page);
  await page.goto("/inloggen");
  await expect(page.getByRole("region", { name: "Demo-accounts" }).locator("li code")).toHaveText(ACCOUNTS.map((a) => a.id));
  expect(readFileSync("README.md", "utf8")).toContain(
    '`beheer-po`, `beheer-vo` (school administrators), `support` (support desk, four schools),\n`toestemming` (consent manager), `auditor` (access log), `geen-rol` (no role: "geen toegang").',
  );
  expect(problems).toEqual([]);
});

for (const account of ACCOUNTS) {
  test(`${account.id} signs in through the demo IdP and opens every page it may see, and is refused ${account.refused}`, async ({
    page,
  }) => {
    const problems = watch(page);
    await page.goto("/inloggen");
    await page.getByRole("button", { name: "Inloggen met schoolaccount" }).click();
    await page.getByLabel("Gebruikersnaam").fill(account.id);
    await page.getByLabel("Wachtwoord").fill("demo");
    await page.getByRole("button", { name: "Inloggen", exact: true }).click();
    await page.waitForURL((url) => url.origin === "http://localhost:3000" && !url.pathname.startsWith("/inloggen"));
    await expect(page.getByRole("heading", { level: 1, name: account.home })).toBeVisible();
    await page.waitForLoadState("networkidle");

    for (const [path, heading] of account.pages) {
      await open(page, path, heading);
      if (path === "/leerlingen") {
        // A student's own page, reached the way a user does: from the list.
        const first = page.locator("tbody tr[aria-rowindex] a").first();
        const name = (await first.textContent())!.trim();
        await first.click();
        await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
        await page.waitForLoadState("networkidle");
      }
    }
    await open(page, account.refused, "Geen toegang");
    expect(problems).toEqual([]);
  });
}

test("the demo's own output (sandbox and dashboard) has no error line", () => {
  const file = process.env.FIRST_RUN_LOG;
  expect(file, "FIRST_RUN_LOG is set by scripts/first-run.mjs, which runs this file").toBeTruthy();
  const lines = readFileSync(file!, "utf8").split("\n");
  // Next marks errors with ⨯; our own code and the sandbox write "error", "failed", "not started", an HTTP 5xx or an exception's class.
  const errorLine = /⨯|\berror\b|\bfail(ed|ure)?\b|not started|not seeded|\bHTTP 5\d\d\b|\b\w*(Error|Exception)\b|unhandled|uncaught/i;
  expect(lines.filter((line) => errorLine.test(line))).toEqual([]);
  expect(lines.some((line) => line.includes("Leermiddelendashboard demo: open http://localhost:3000"))).toBe(true);
});
