#!/usr/bin/env node
// `npm run screenshots`: every page of docs/pages.md at 375, 768 and 1,280 px, as the demo's roles see
// them, saved to docs/screenshots/<page>-<width>.png (the window's width and height, not the whole
// page's height). Runs against a dashboard that is already running, `npm run demo` by default:
//
//   npm run screenshots                                  # http://localhost:3000
//   npm run screenshots -- --base-url http://localhost:3100
//
// Debian's Chromium (/usr/bin/chromium, or CHROME_PATH) through Playwright, as the e2e tests use it.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";

const { values } = parseArgs({
  options: {
    "base-url": { type: "string", default: "http://localhost:3000" },
    // The demo's sandbox admin API: the data-quality page is shown with the seeded anomalies (knob seedAnomalies).
    "sandbox-url": { type: "string", default: "http://localhost:4100" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log("Usage: node scripts/screenshots.mjs [--base-url http://localhost:3000] [--sandbox-url http://localhost:4100]");
  process.exit(0);
}
const BASE_URL = values["base-url"].replace(/\/+$/, "");
const ORIGIN = new URL(BASE_URL).origin;
const OUT = "docs/screenshots";
// The window per width: a phone (375 × 812), a tablet upright (768 × 900), a laptop (1,280 × 900).
const SIZES = [
  { width: 375, height: 812 },
  { width: 768, height: 900 },
  { width: 1280, height: 900 },
];
const PASSWORD = "demo"; // every demo account's (sandbox/idp/accounts.ts)
const LOADING = /laden…|wordt geladen|Bezig met|wordt opgehaald/;

/** Nothing in the content still loading: no skeleton (aria-busy, grey bars), no "… laden…" status, the fonts in. */
async function settled(page) {
  await page.waitForFunction(
    (loading) => {
      const busy = [...document.querySelectorAll('main [aria-busy="true"], main .animate-pulse')].some((el) => el.getClientRects().length);
      const status = [...document.querySelectorAll('[role="status"]')].some(
        (el) => el.getClientRects().length && new RegExp(loading).test(el.textContent ?? ""),
      );
      return !busy && !status;
    },
    LOADING.source,
    { timeout: 30_000 },
  );
  await page.evaluate(async () => {
    await document.fonts.ready;
    // Two frames: whatever measured the new width (the virtual list) has drawn.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

/** The open page at each width, from its top, without a focus ring left by a click. */
async function shoot(page, name, written) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await settled(page);
    await page.evaluate(() => {
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      window.scrollTo(0, 0);
    });
    const file = path.join(OUT, `${name}-${size.width}.png`);
    await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
    written.push(file);
    console.log(`wrote ${file}`);
  }
}

/** A context of its own, signed in through the demo IdP as a person does (as e2e/sign-in.ts signInWithBrowser). */
async function signedIn(browser, account) {
  const context = await browser.newContext({ baseURL: BASE_URL, locale: "nl-NL", viewport: SIZES.at(-1) });
  const page = await context.newPage();
  await page.goto("/inloggen");
  if (account === null) return page;
  await page.getByRole("button", { name: "Inloggen met schoolaccount" }).click();
  await page.getByLabel("Gebruikersnaam").fill(account);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  await page.waitForURL((url) => url.origin === ORIGIN && !url.pathname.startsWith("/inloggen"));
  return page;
}

/** Looks a pupil up by name on the Licentiegebruik page and shows their usage; false when nobody was found. */
async function lookUp(page, name) {
  const search = async (q) => {
    await page.getByLabel("Naam (of een deel ervan)").fill(q);
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/usage/people" && r.request().method() === "POST");
    await page.getByRole("button", { name: "Zoeken", exact: true }).click();
    await answered;
    await settled(page);
  };
  await search(name);
  let show = page.getByRole("button", { name: `Toon gebruik van ${name}`, exact: true });
  if (!(await show.count())) {
    // The list's name and the search's may differ (a preferred first name): the family name, then the first pupil found.
    await search(name.split(" ").at(-1));
    show = page
      .getByRole("list", { name: "Gevonden personen" })
      .getByRole("listitem")
      .filter({ hasText: "(leerling," })
      .getByRole("button");
    if (!(await show.count())) return false;
  }
  await show.first().click();
  await page.locator("#usage-heading").waitFor();
  return true;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions"],
});
const written = [];
try {
  const health = await fetch(`${BASE_URL}/api/health`).catch(() => null);
  if (!health?.ok) throw new Error(`No dashboard answers at ${BASE_URL} (start one with \`npm run demo\`, or pass --base-url).`);
  mkdirSync(OUT, { recursive: true });

  // A school administrator (OBS De Regenboog): the home page and the pages of pupils, enrollments and employees.
  const admin = await signedIn(browser, "beheer-po");
  await admin.goto("/");
  await admin.getByRole("heading", { level: 1, name: /^Welkom/ }).waitFor();
  await shoot(admin, "home", written);

  await admin.goto("/leerlingen");
  await admin.getByText(/^[\d.]+ leerlingen$/).waitFor();
  const first = admin.locator("tbody tr[aria-rowindex]").first().getByRole("link");
  await first.waitFor();
  await shoot(admin, "leerlingen", written);

  const pupil = (await first.textContent()).trim();
  await first.click();
  await admin.waitForURL(/\/leerlingen\/[0-9a-f]{32}$/);
  await admin.getByRole("heading", { level: 1, name: pupil, exact: true }).waitFor();
  await admin.getByRole("heading", { name: "Inschrijvingen", exact: true }).waitFor();
  await shoot(admin, "leerling", written);

  await admin.goto("/inschrijvingen");
  await admin.getByText(/^[\d.]+ inschrijvingen/).waitFor();
  await shoot(admin, "inschrijvingen", written);

  await admin.goto("/medewerkers");
  await admin.getByText("Zoek een medewerker op om de toewijzingen te zien.").waitFor();
  await settled(admin);
  // An employee from the school's list, when it has one, so the page shows assignments.
  const known = admin.locator("select#known-employee");
  if (await known.count()) {
    const value = await known.locator("option").nth(1).getAttribute("value");
    if (value) {
      await known.selectOption(value);
      await admin
        .getByText(/^[\d.]+ toewijzingen|Geen toewijzingen gevonden/)
        .first()
        .waitFor();
    }
  }
  await shoot(admin, "medewerkers", written);
  await admin.context().close();

  // The support desk (its first school is OBS De Regenboog too): one pupil's licence usage, the Sources.
  const support = await signedIn(browser, "support");
  await support.goto("/licentiegebruik");
  if (!(await lookUp(support, pupil))) console.warn(`licentiegebruik: nobody found by the name "${pupil}"; the page is shown empty`);
  await shoot(support, "licentiegebruik", written);

  await support.goto("/bronnen");
  await support.getByRole("table", { name: "Ingestelde bronnen en tokenstatus" }).waitFor();
  await shoot(support, "bronnen", written);

  // Datakwaliteit with the sandbox's seeded anomalies at OBS De Regenboog's LAS, then the knob off again.
  const knob = (on) =>
    fetch(`${values["sandbox-url"].replace(/\/+$/, "")}/_admin/knobs`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ "las-a": { seedAnomalies: on } }),
    });
  await knob(true);
  try {
    await support.goto("/datakwaliteit");
    await support.getByRole("button", { name: /^Vernieuwen/ }).click();
    await support.getByText(/^7 controles, \d+ bevindingen/).waitFor();
    await shoot(support, "datakwaliteit", written);
  } finally {
    await knob(false);
  }
  await support.context().close();

  const consent = await signedIn(browser, "toestemming");
  await consent.goto("/toestemming");
  await consent.getByRole("heading", { level: 2, name: "Overzicht per aanbieder" }).waitFor();
  await shoot(consent, "toestemming", written);
  await consent.context().close();

  const auditor = await signedIn(browser, "auditor");
  await auditor.goto("/toegangslog");
  await auditor.getByRole("heading", { level: 1, name: "Toegangslog" }).waitFor();
  await shoot(auditor, "toegangslog", written);
  await auditor.context().close();

  const anonymous = await signedIn(browser, null);
  await anonymous.getByRole("heading", { name: "Demo-accounts" }).waitFor();
  await shoot(anonymous, "inloggen", written);
  await anonymous.context().close();

  console.log(`${written.length} screenshots in ${OUT}/`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await browser.close();
}
