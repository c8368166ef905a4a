import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures";
import { ask, newPage, registrySays, toHorizon } from "./consent-steps";
import { generateSchool } from "../sandbox/data/generate";
import { SCHOOLS } from "../sandbox/data/schools";
import { entitlementsFor } from "../sandbox/data/usage";
import { readFileSync } from "node:fs";
import { LOG_FILES } from "./log-files";
import { signInWithBrowser } from "./sign-in";

// Issue 24 against the sandbox's Providers as the demo configures them: Licentieregistratie Uitgeverij
// Meridiaan (lr-a) holds consent everywhere without reporting it, confirms a request 1.5 s after it
// arrives and pushes its answers to the dashboard's PUT /consent/notifications (it is polled only every
// 10 minutes); Leerlingadministratie Beta (las-b) reports the consent it held for De Horizon's
// association-api before anyone asked. Expected values come from the sandbox's generator.
const SEED = "leermiddelendashboard";
const ADMIN = "http://localhost:4100/_admin";
const horizon = generateSchool(
  SEED,
  SCHOOLS.find((s) => s.orgMasterId === "900B202")!,
  "demo",
);
const pupil = horizon.pupils.find((p) => !p.leaver && entitlementsFor(SEED, "lr-a", horizon.school, { pupil: p }).length > 0)!;
const atMeridiaan = entitlementsFor(SEED, "lr-a", horizon.school, { pupil }).length;

const meridiaanSays = (page: Page) => registrySays(page, pupil.eck, "Licentieregistratie Uitgeverij Meridiaan");

/** How often the dashboard has asked lr-a's consent statuses: the sandbox logs every request (method, path, status). */
const statusPolls = () =>
  readFileSync(LOG_FILES.sandbox, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("GET /lr-a/v1/consent/statuses")).length;

test("a pushing Provider's confirmation arrives without a status poll; the school withdraws the consent, the Provider records the revoke, and its data stop, cached answers included", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const manager = await newPage(browser, "toestemming");
  const polls = statusPolls();
  const id = await ask(manager, "Licentieregistratie Uitgeverij Meridiaan", "usage-api");
  const cell = manager.getByTestId("cell-lr-a-usage-api");
  await expect(cell).toContainText("Bevestigd", { timeout: 30_000 });
  // No GET /consent/statuses at lr-a meanwhile: the confirmation came by push.
  expect(statusPolls()).toBe(polls);
  const pushed = (await (await request.get(`${ADMIN}/notifiers`)).json()) as Array<Record<string, unknown>>;
  expect(pushed.find((n) => n.sourceId === "lr-a")).toMatchObject({ sent: 1, failed: 0 });

  // The support desk sees the pupil's licences at Meridiaan (and the dashboard keeps that answer a while).
  const support = await newPage(browser, "support");
  await toHorizon(support);
  await expect(await meridiaanSays(support)).toContainText(`antwoordde: ${atMeridiaan} aanspra`);

  // The consent manager withdraws it, with a reason.
  await cell.getByRole("button", { name: /^Toestemming intrekken/ }).click();
  const form = manager.getByTestId("withdraw-lr-a-usage-api");
  await form.getByRole("button", { name: "Intrekken" }).click();
  await expect(form.getByText("Geef een reden van minstens 10 tekens.")).toBeVisible();
  await form.getByLabel("Reden van het intrekken").fill("De school stopt met de methodes van deze uitgeverij.");
  await form.getByRole("button", { name: "Intrekken" }).click();
  const withdrawal = cell.locator("[data-withdrawal]");
  // Received by the Provider, then confirmed by its pushed status.
  await expect(withdrawal).toHaveAttribute("data-withdrawal", "confirmed", { timeout: 30_000 });
  await expect(withdrawal).toContainText("De school stopt met de methodes van deze uitgeverij.");
  const revokes = ((await (await request.get(`${ADMIN}/consent`)).json()) as { revokes: Array<Record<string, unknown>> }).revokes;
  expect(revokes).toEqual([expect.objectContaining({ sourceId: "lr-a", consumerReferenceId: id, orgMasterId: "900B202", changed: true })]);
  expect((await new AxeBuilder({ page: manager }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze()).violations).toEqual([]);

  // The same lookup now: Meridiaan refuses (0022), and the licences it gave before are not shown from a cache.
  const again = await meridiaanSays(support);
  await expect(again).toContainText("(0022)");
  await expect(again).not.toContainText("antwoordde:");
});

test("the live check finds the Provider whose data endpoint disagrees with its records, in both directions, and a Provider that cannot be asked draws no conclusion", async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  // Beta reports consent for De Horizon's association-api, but its data endpoint refuses it.
  await request.put(`${ADMIN}/knobs`, { data: { "las-b": { consentDataDisagrees: "refuses" }, "lr-b": { errorRate: 1 } } });
  const manager = await newPage(browser, "toestemming");
  await manager.goto("/toestemming");

  const held = manager.getByTestId("cell-las-b-association-api");
  await expect(held).toContainText("Bij de aanbieder bekend: toestemming gegeven", { timeout: 30_000 });
  await held.getByRole("button", { name: /^Nu controleren/ }).click();
  await expect(held.locator("[data-check]")).toHaveAttribute("data-check", "refuses", { timeout: 15_000 });
  await expect(held.locator("[data-check]")).toHaveAttribute("data-disagrees", "true");
  await expect(held).toContainText("De toestemming staat geregistreerd, maar de aanbieder weigert de gegevens.");

  // Kompas is down: nothing is known, so nothing disagrees.
  const down = manager.getByTestId("cell-lr-b-usage-api");
  await down.getByRole("button", { name: /^Nu controleren/ }).click();
  await expect(down.locator("[data-check]")).toHaveAttribute("data-check", "unreachable", { timeout: 15_000 });
  await expect(down.locator("[data-check]")).toHaveAttribute("data-disagrees", "false");
  expect((await new AxeBuilder({ page: manager }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze()).violations).toEqual([]);

  // At CBS De Wegwijzer, where no test asks anything: Meridiaan holds consent it never reported, so it
  // delivers while nothing is recorded here.
  await manager.getByLabel("School").selectOption({ label: "CBS De Wegwijzer" });
  await manager.getByRole("button", { name: "Wissel" }).click();
  await expect(manager.getByText("U werkt nu voor CBS De Wegwijzer")).toBeVisible();
  await manager.goto("/toestemming");
  await expect(manager.getByRole("table", { name: /voor CBS De Wegwijzer$/ })).toBeVisible();
  const unreported = manager.getByTestId("cell-lr-a-usage-api");
  await unreported.getByRole("button", { name: /^Nu controleren/ }).click();
  await expect(unreported.locator("[data-check]")).toHaveAttribute("data-check", "delivers", { timeout: 15_000 });
  await expect(unreported.locator("[data-check]")).toHaveAttribute("data-disagrees", "true");
  await expect(unreported).toContainText("Er is geen toestemming geregistreerd, maar de aanbieder levert de gegevens.");
});

test("an open consent page signs out when the idle time runs out: its background polls do not keep the session alive", async ({ page }) => {
  // A session of its own: the accounts' stored sessions are shared by every test.
  await signInWithBrowser(page, "toestemming");
  await page.goto("/toestemming");
  await expect(page.getByRole("table", { name: /^Toestemming per aanbieder en gegevensdienst/ })).toBeVisible();
  // As if the 30 minutes had nearly passed: the session ends in 4 s unless something pushes it forward.
  const ends = await page.request.post("/api/e2e/session-ends?in=4");
  expect(await ends.json()).toEqual({ sessions: 1 });
  // The page keeps polling every 3 s; the first poll after the end takes it to the sign-in page.
  await expect(page).toHaveURL(/\/inloggen/, { timeout: 20_000 });
});
