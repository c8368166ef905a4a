import AxeBuilder from "@axe-core/playwright";
import { newPage } from "./consent-steps";
import { expect, test, type Page } from "./fixtures";
import { regenboog } from "./regenboog";
import { signIn } from "./sign-in";

// Issue 25, the mass-change guard as staff see it, at OBS De Regenboog (LAS Alfa): the sandbox's knob
// keptPupilShare makes LAS Alfa's students and enrollments answers keep only a share of the pupils (a
// half-empty export at rollover). The list then keeps serving the last good answer until the school's
// administrator (beheer-po) accepts the change on /datakwaliteit; the support desk (support) sees it, and
// may not accept. The fixture resets both servers before each test: the knob, and every baseline.
const ADMIN = "http://localhost:4100/_admin";
const SHARE = 0.5;
/** The knob's rule (sandbox/mass-change.ts): pupil i of n stays when ⌊(i + 1) × share⌋ > ⌊i × share⌋; at 0.5 every second one. */
const WAS = regenboog.students.length;
const KEPT = regenboog.students.filter((_, i) => Math.floor((i + 1) * SHARE) > Math.floor(i * SHARE)).length;
const LOST = WAS - KEPT;
const nl = (n: number) => n.toLocaleString("nl-NL");
const pupils = (n: number) => `${nl(n)} leerlingen`;

const TITLE = "Grote wijziging in de leerlingadministratie: wacht op beoordeling";
const CHANGE = `(${nl(WAS)} → ${nl(KEPT)}; voor het eerst gezien op`;
const ACCEPT = `Accepteer ${pupils(KEPT)} als de nieuwe stand`;
const ONLY_ADMIN = "Alleen een schoolbeheerder van de school kan de wijziging accepteren.";

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations).toEqual([]);
}
const notice = (page: Page) => page.getByTestId("mass-change");
/** The students line of the notice, when the students list waits. */
const studentsLine = (page: Page) => notice(page).locator('[data-list="students"]');

test("a LAS answer that lost half its pupils is held for review: the list keeps the last good one until the administrator accepts", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  // The knob must make a loss the guard holds (more than the default share of 0.2), or this test would prove little.
  expect(LOST / WAS).toBeGreaterThan(0.2);
  expect(KEPT).toBe(Math.floor(WAS * SHARE));

  // The first answer read is the baseline.
  await signIn(page, "beheer-po");
  await page.goto("/leerlingen");
  await expect(page.getByText(pupils(WAS), { exact: true })).toBeVisible();
  await expect(notice(page)).toHaveCount(0);

  // The LAS now sends half its pupils: asked again, the list still shows the last good answer, and says why.
  await request.put(`${ADMIN}/knobs`, { data: { "las-a": { keptPupilShare: SHARE } } });
  await page.getByRole("button", { name: "Vernieuwen", exact: true }).click();
  await expect(studentsLine(page)).toBeVisible({ timeout: 30_000 });
  await expect(notice(page)).toContainText(TITLE);
  await expect(studentsLine(page)).toContainText(`heeft ${pupils(LOST)} minder dan het vorige goede antwoord`);
  await expect(studentsLine(page)).toContainText(CHANGE);
  await expect(studentsLine(page)).toContainText("Het dashboard toont daarom nog de leerlingen van het vorige goede antwoord");
  await expect(notice(page).getByRole("link", { name: "Bekijk en beoordeel op de pagina Datakwaliteit" })).toHaveAttribute(
    "href",
    "/datakwaliteit",
  );
  await expect(page.getByText(pupils(WAS), { exact: true })).toBeVisible();
  await expect(page.getByText(pupils(KEPT), { exact: true })).toHaveCount(0);

  // Datakwaliteit: the whole notice with the acceptance; the check that concludes from a missing record concludes nothing.
  await page.goto("/datakwaliteit");
  await expect(notice(page).getByRole("heading", { level: 2, name: TITLE })).toBeVisible({ timeout: 30_000 });
  await expect(studentsLine(page)).toContainText(CHANGE);
  await expect(studentsLine(page)).toContainText(`Vorige goede antwoord: ${pupils(WAS)}, gelezen op`);
  await expect(notice(page)).toContainText("Zo'n grote daling komt vaak door een onvolledige export uit de LAS");
  await expect(notice(page)).toContainText("meer dan 20% van de leerlingen of inschrijvingen kwijt is");
  await expect(notice(page).getByRole("button", { name: ACCEPT })).toBeVisible();
  const absence = page.locator('section[data-check="subject_without_study"]');
  await expect(absence).toHaveAttribute("data-not-known", "mass_change");
  await expect(absence).toContainText("Niet bekend: het laatste antwoord van de LAS wacht op beoordeling.");
  await expect(page.getByText(/controle trekt geen conclusie, omdat het laatste antwoord van de LAS op beoordeling wacht/)).toBeVisible();

  // The support desk sees the same, and who can accept; it has no button to do so.
  const support = await newPage(browser, "support");
  await support.goto("/datakwaliteit");
  await expect(studentsLine(support)).toContainText(CHANGE, { timeout: 30_000 });
  await expect(notice(support).getByText(ONLY_ADMIN)).toBeVisible();
  await expect(notice(support).getByRole("button")).toHaveCount(0);
  await support.context().close();

  await axe(page);
  await page.getByRole("button", { name: "English" }).click();
  await expect(
    notice(page).getByRole("heading", { level: 2, name: "Large change in the pupil administration: awaiting review" }),
  ).toBeVisible();
  await expect(studentsLine(page)).toContainText(`has ${LOST} pupils fewer than the last good answer (${WAS} → ${KEPT};`);
  await expect(notice(page).getByRole("button", { name: `Accept ${KEPT} pupils as the new state` })).toBeVisible();
  await axe(page);
  await page.getByRole("button", { name: "Nederlands" }).click();

  // The administrator accepts, after being told what that means: the students list waits no more.
  await notice(page).getByRole("button", { name: ACCEPT }).click();
  await expect(page.getByRole("group", { name: /^Na het accepteren gaat het dashboard uit van het nieuwe antwoord\./ })).toBeVisible();
  await page.getByRole("button", { name: "Ja, accepteer de wijziging" }).click();
  await expect(studentsLine(page)).toHaveCount(0, { timeout: 30_000 });

  // The list now shows the LAS's answer as it is, without a notice.
  await page.goto("/leerlingen");
  await expect(page.getByText(pupils(KEPT), { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(pupils(WAS), { exact: true })).toHaveCount(0);
  await expect(notice(page)).toHaveCount(0);
});
