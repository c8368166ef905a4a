import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "./fixtures";
import { A, B, at, groupOf, nameOf, regenboog, TODAY, unique, type Json, type Pupil } from "./regenboog";
import { signIn } from "./sign-in";

/**
 * Issue 21: what the dashboard concludes when the Sources name, date or refuse things in ways the
 * seeds allow. OBS De Regenboog (beheer-po): LAS Alfa (las-a), Licentieregistraties lr-a ("Uitgeverij
 * Meridiaan") and lr-b ("Uitgeverij Kompas"). The sandbox's issue-21 knobs (sandbox/issue21.ts):
 * enrollments that name pupils by `userIds` only, enrollments with a status nobody knows, a registry
 * that does not know the school (404 naming 0023). Expected values come from the sandbox's own
 * generator, never from the dashboard.
 */
const ADMIN = "http://localhost:4100/_admin";
const LEFT_CLASS = "leerling staat niet meer in deze groep";
const CANDIDATES = "Licenties om opnieuw toe te wijzen of te retourneren";
const pupilOf = (e: Json) => regenboog.pupils.find((p) => p.eck === (e.student as Json).userMasterIdentifier)!;

/**
 * A group as the generator makes it: its pupils (now and before), those enrolled on TODAY, the former
 * ones; and, for the unknown-status knob with `endingBefore: TODAY`, the pupils whose enrollments in
 * the group all ended before TODAY (sandbox/issue21.ts gives exactly those a status nobody knows).
 */
function group(offering: string) {
  const enrollments = regenboog.enrollments.filter((e) => e.study === offering);
  const now = (e: Json) => e.status === "active" && (e.beginDate as string) <= TODAY && (!e.endDate || (e.endDate as string) > TODAY);
  const all = [...new Set(enrollments.map(pupilOf))];
  const current = all.filter((p) => enrollments.some((e) => pupilOf(e) === p && now(e)));
  const former = all.filter((p) => !current.includes(p));
  const ended = all.filter((p) =>
    enrollments.filter((e) => pupilOf(e) === p).every((e) => typeof e.endDate === "string" && e.endDate < TODAY),
  );
  return { all, current, former, ended };
}

/** Licences a pupil not (or no longer) in the group would leave to reclaim: working (licensed, not expired) or waiting (entitled, activation still open). */
const reclaimable = (p: Pupil) =>
  [...at("lr-a", p), ...at("lr-b", p)].filter(
    (e) => e.entitlementStatus === "licensed" || (e.entitlementStatus === "entitled" && (e.activationUntilDate as string) >= TODAY),
  );

const statusUnknownText = (n: number) =>
  n === 1
    ? "1 leerling van deze groep heeft hier een inschrijving met een status die het dashboard niet kent, en geen lopende inschrijving. Of deze leerling nog in de groep zit, is dus onbekend: er wordt geen conclusie over getrokken (ook geen licentie om terug te halen) en de licentieregistraties zijn niet naar deze leerling gevraagd."
    : `${n} leerlingen van deze groep hebben hier een inschrijving met een status die het dashboard niet kent, en geen lopende inschrijving. Of zij nog in de groep zitten, is dus onbekend: er wordt geen conclusie over hen getrokken (ook geen licenties om terug te halen) en de licentieregistraties zijn niet naar hen gevraagd.`;

const axe = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
};
const knobs = async (request: APIRequestContext, value: Record<string, object>) =>
  expect((await request.put(`${ADMIN}/knobs`, { data: value })).status()).toBe(200);
const source = (page: Page, id: string) => page.getByTestId(`source-${id}`);
const candidateRows = (page: Page) => page.getByRole("table", { name: CANDIDATES }).locator("tbody tr");

async function lookUp(page: Page, p: Pupil) {
  await page.goto("/licentiegebruik");
  await page.getByLabel("Naam (of een deel ervan)").fill(nameOf(p));
  await page.getByRole("button", { name: "Zoeken", exact: true }).click();
  await page.getByRole("button", { name: `Toon gebruik van ${nameOf(p)}` }).click();
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(nameOf(p)) })).toBeVisible({ timeout: 25_000 });
}

async function coverage(page: Page, offering: string) {
  await page.goto("/licentiegebruik?view=coverage");
  await page.getByLabel("Groep of aanbod").selectOption(`study:${offering}`);
  await page.getByRole("button", { name: "Dekking berekenen" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /Dekking voor/ })).toBeVisible({ timeout: 45_000 });
}

// Group 6: 27 pupils, two of them former (one left on 2026-01-05, one has last year's record there), both with licences to reclaim.
const SIX = groupOf(6);

test("enrollments that name pupils by userIds only (reversed, no ECK iD): nobody is 'not in LAS', every pupil is asked", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const g = group(SIX);
  expect(g.former.length).toBeGreaterThan(0);
  const toReclaim = g.former.flatMap(reclaimable).length;
  expect(toReclaim).toBeGreaterThan(0);

  await knobs(request, { "las-a": { enrollmentStudentByUserIds: true } });
  await signIn(page, "beheer-po");
  await coverage(page, SIX);
  await expect(page.getByRole("heading", { level: 2, name: `Dekking voor ${g.current.length} ingeschreven leerlingen` })).toBeVisible();
  // The former pupils are former, not unknown to the LAS: 0 "die de leerlingadministratie niet meer kent".
  await expect(
    page.getByText(
      `Daarnaast ${g.former.length} leerling(en) die niet meer in deze groep staan, en 0 die de leerlingadministratie niet meer kent.`,
    ),
  ).toBeVisible();
  await expect(page.getByText(/[1-9]\d* die de leerlingadministratie niet meer kent/)).toHaveCount(0);
  await expect(page.getByTestId("unreadable-in-las")).toHaveCount(0);
  await expect(page.getByText(/^Nagevraagd: /)).toHaveCount(0);
  // Every pupil of the group (now and before) asked, at both registries.
  for (const name of [A, B])
    await expect(page.getByTestId("registry-shares")).toContainText(
      `${name} antwoordde voor ${g.all.length} van ${g.all.length} leerlingen (100 %)`,
    );
  await expect(page.getByTestId("conclusion-scope")).toHaveCount(0);
  // Matched to their names: each former pupil's licences are there to reclaim, under their own name.
  await expect(candidateRows(page).filter({ hasText: LEFT_CLASS })).toHaveCount(toReclaim);
  for (const p of g.former) {
    await expect(
      candidateRows(page)
        .filter({ hasText: LEFT_CLASS })
        .filter({ hasText: nameOf(p) }),
    ).toHaveCount(reclaimable(p).length);
  }
  await axe(page);
});

test("a group with enrollments of an unknown status: the amber note counts those pupils, and no licence is 'left the class'", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const g = group(SIX);
  // The knob gives the enrollments that ended before TODAY the status "pending": the former pupils, exactly.
  expect(g.ended).toEqual(g.former);
  const toReclaim = g.former.flatMap(reclaimable).length;
  expect(toReclaim).toBeGreaterThan(0);
  const asked = g.all.length - g.ended.length;

  // Without the knob, the former pupils' licences are drawn as 'left the class'.
  await signIn(page, "beheer-po");
  await coverage(page, SIX);
  await expect(candidateRows(page).filter({ hasText: LEFT_CLASS })).toHaveCount(toReclaim);
  await expect(page.getByTestId("status-unknown")).toHaveCount(0);

  // With it (the LAS asked again): those pupils are neither current nor former, not asked, nothing drawn from them.
  await knobs(request, { "las-a": { unknownEnrollmentStatus: { offering: SIX, status: "pending", endingBefore: TODAY } } });
  await page.getByRole("button", { name: "Opnieuw ophalen bij alle bronnen" }).click();
  await expect(page.getByTestId("status-unknown")).toHaveText(statusUnknownText(g.ended.length), { timeout: 45_000 });
  await expect(page.getByRole("heading", { level: 2, name: `Dekking voor ${g.current.length} ingeschreven leerlingen` })).toBeVisible();
  await expect(page.getByText(LEFT_CLASS)).toHaveCount(0);
  for (const p of g.ended.filter(unique)) await expect(candidateRows(page).filter({ hasText: nameOf(p) })).toHaveCount(0);
  await expect(page.getByText("die niet meer in deze groep staan")).toHaveCount(0);
  for (const name of [A, B])
    await expect(page.getByTestId("registry-shares")).toContainText(`${name} antwoordde voor ${asked} van ${asked} leerlingen (100 %)`);
  await axe(page);
});

test("a registry answering 404 with 0023: 'school unknown at this registry', left out of every pupil's totals and of coverage", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  // Pupils for the lookups: unique names, not leavers; one with entitlements at Kompas, one without.
  const lookups = regenboog.pupils.filter((p) => p.studyYear >= 5 && !p.leaver && unique(p));
  const withKompas = lookups.find((p) => at("lr-b", p).length > 0)!;
  const withoutKompas = lookups.find((p) => at("lr-b", p).length === 0)!;
  expect(withKompas && withoutKompas).toBeTruthy();

  await knobs(request, { "lr-a": { usageSchoolUnknown: true } });
  await signIn(page, "beheer-po");

  await lookUp(page, withKompas);
  const own = at("lr-b", withKompas);
  await expect(source(page, "lr-a")).toContainText(`${A} De school is onbekend bij de bron (0023).`);
  await expect(source(page, "lr-b")).toContainText(`${B} antwoordde: ${own.length} aanspra`);
  await expect(page.getByText(`Totalen van: ${B}`)).toBeVisible();
  await expect(page.getByTestId("not-counted")).toHaveText(`${A} gaf geen bruikbaar antwoord en telt niet mee.`);
  for (const status of ["licensed", "entitled", "cancelled", "blocked", "expired"]) {
    await expect(page.getByTestId(`total-${status}`)).toHaveText(String(own.filter((e) => e.entitlementStatus === status).length));
  }
  await expect(page.getByRole("table", { name: "Aanspraken" }).locator("tbody tr")).toHaveCount(own.length);
  await axe(page);

  // Kompas holds nothing for this pupil: never "no registry reports entitlements", Meridiaan named as missing.
  await lookUp(page, withoutKompas);
  await expect(source(page, "lr-a")).toContainText(`${A} De school is onbekend bij de bron (0023).`);
  await expect(source(page, "lr-b")).toContainText(`${B} kent deze persoon niet`);
  await expect(page.getByTestId("not-counted")).toHaveText(`${A} gaf geen bruikbaar antwoord en telt niet mee.`);
  await expect(page.getByTestId("no-entitlements")).toHaveText(
    `Geen aanspraken voor deze persoon bij: ${B}. ${A} gaf geen bruikbaar antwoord: daar kunnen wel aanspraken staan.`,
  );
  await expect(page.getByText("Geen enkele licentieregistratie meldt aanspraken")).toHaveCount(0);
  await axe(page);

  // Coverage: Meridiaan answered for nobody and refused the whole school; the conclusions are Kompas' alone.
  const three = group(groupOf(3));
  await coverage(page, groupOf(3));
  await expect(page.getByTestId("registry-shares")).toContainText(`${A} antwoordde voor 0 van ${three.all.length} leerlingen (0 %)`);
  await expect(page.getByTestId("registry-shares")).toContainText(
    `${B} antwoordde voor ${three.all.length} van ${three.all.length} leerlingen (100 %)`,
  );
  await expect(page.getByRole("status").filter({ hasText: `${A}: De school is onbekend bij de bron (0023).` })).toHaveText(
    `${A}: De school is onbekend bij de bron (0023). Producten van deze bron ontbreken daarom in dit overzicht.`,
  );
  await expect(page.getByTestId("conclusion-scope")).toHaveText(`De conclusies hieronder gelden alleen voor ${B}.`);
  // Only Kompas' products, each counted from Kompas alone (the generator's entitlements of the pupils enrolled now).
  const codes = [...new Set(three.current.flatMap((p) => at("lr-b", p).map((e) => e.productId as string)))];
  const products = page.getByTestId("coverage-product");
  await expect(products).toHaveCount(codes.length);
  for (const code of codes) {
    const product = products.filter({ hasText: code });
    await expect(product).toContainText(`(${B})`);
    const licensed = three.current.filter((p) =>
      at("lr-b", p).some((e) => e.productId === code && e.entitlementStatus === "licensed"),
    ).length;
    await expect(product.getByTestId("coverage-line")).toHaveText(
      `${three.current.length - licensed} van ${three.current.length} leerlingen hebben geen werkende licentie.`,
    );
  }
  await axe(page);
});
