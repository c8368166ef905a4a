import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures";
import { ask, newPage, registrySays, toHorizon } from "./consent-steps";
import { generateSchool } from "../sandbox/data/generate";
import { SCHOOLS } from "../sandbox/data/schools";
import { entitlementsFor } from "../sandbox/data/usage";

// The whole consent cycle against the sandbox's Providers, as configured for the demo: Leerlingadministratie
// Beta (las-b) takes PUT /consent/requests, Licentieregistratie Kompas (lr-b) collects from the dashboard's
// GET /consent/requests; both confirm 1.5 s after a request arrives. Scholengemeenschap De Horizon (900B202)
// starts without consent at either. Expected values come from the sandbox's generator and rules.
const SEED = "leermiddelendashboard";
const ADMIN = "http://localhost:4100/_admin";
const horizon = generateSchool(
  SEED,
  SCHOOLS.find((s) => s.orgMasterId === "900B202")!,
  "demo",
);
const nameOf = (p: (typeof horizon.pupils)[number]) =>
  [p.preferredFirstName || p.givenName, p.familyNamePrefix, p.familyName].filter(Boolean).join(" ");
const pupil = horizon.pupils.find(
  (p) =>
    !p.leaver &&
    horizon.pupils.filter((q) => nameOf(q) === nameOf(p)).length === 1 &&
    entitlementsFor(SEED, "lr-b", horizon.school, { pupil: p }).length > 0,
)!;
const atKompas = entitlementsFor(SEED, "lr-b", horizon.school, { pupil }).length;

const supportLookup = (page: Page) => registrySays(page, pupil.eck, "Licentieregistratie Uitgeverij Kompas");

test("a consent manager asks both Providers: one receives it by PUT (202), the other collects it; both confirm, and the calls that failed with 0022 now succeed", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const support = await newPage(browser, "support");
  await toHorizon(support);

  // Before: Kompas refuses the usage lookup and Beta refuses the pupil list, both for lack of consent.
  await expect(await supportLookup(support)).toContainText("Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022).");
  await support.getByLabel("Naam (of een deel ervan)").fill(nameOf(pupil));
  await support.getByRole("button", { name: "Zoeken", exact: true }).click();
  await expect(support.getByRole("alert").filter({ hasText: "(0022)" })).toBeVisible();

  const manager = await newPage(browser, "toestemming");
  const putId = await ask(manager, "Leerlingadministratie Beta", "students-api");
  const pollId = await ask(manager, "Licentieregistratie Uitgeverij Kompas", "usage-api");

  // Both confirmations come back and show in the matrix, with the way each travelled in its changes.
  const putCell = manager.getByTestId("cell-las-b-students-api");
  const pollCell = manager.getByTestId("cell-lr-b-usage-api");
  await expect(putCell).toContainText("Bevestigd", { timeout: 45_000 });
  await expect(pollCell).toContainText("Bevestigd", { timeout: 45_000 });
  await expect(putCell).toContainText(/aangemaakt .*verzonden .*bevestigd/);
  await expect(pollCell).toContainText(/aangemaakt .*opgehaald .*bevestigd/);
  // The sandbox numbers its confirmations per Source from 1 after a reset.
  await expect(manager.getByTestId(`request-${putId}`)).toContainText("Kenmerk bij de aanbieder: las-b-0001");
  await expect(manager.getByTestId(`request-${pollId}`)).toContainText("Kenmerk bij de aanbieder: lr-b-0001");
  const results = await new AxeBuilder({ page: manager }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // The Providers' own registry agrees: each request arrived once and is confirmed there.
  const registry = (await (await request.get(`${ADMIN}/consent`)).json()) as {
    requests: Array<{ consumerReferenceId: string; sourceId: string; status: string }>;
  };
  expect(
    registry.requests
      .filter((r) => [putId, pollId].includes(r.consumerReferenceId))
      .map((r) => [r.sourceId, r.status])
      .sort(),
  ).toEqual([
    ["las-b", "confirmed"],
    ["lr-b", "confirmed"],
  ]);

  // After: the same calls succeed.
  await expect(await supportLookup(support)).toContainText(`antwoordde: ${atKompas} aanspra`);
  await support.getByLabel("Naam (of een deel ervan)").fill(nameOf(pupil));
  await support.getByRole("button", { name: "Zoeken", exact: true }).click();
  await expect(support.getByRole("button", { name: `Toon gebruik van ${nameOf(pupil)}` })).toBeVisible();
});

test("a Provider that refuses, and a revocation later: the matrix says so and the data stop again", async ({ browser, request }) => {
  test.setTimeout(120_000);
  await request.put(`${ADMIN}/knobs`, { data: { "lr-b": { consentDecision: "refuse" }, "las-b": { consentDecision: "manual" } } });
  const manager = await newPage(browser, "toestemming");
  const refusedId = await ask(manager, "Licentieregistratie Uitgeverij Kompas", "usage-api");
  await expect(manager.getByTestId("cell-lr-b-usage-api")).toContainText("Afgewezen door de aanbieder", { timeout: 45_000 });

  const putId = await ask(manager, "Leerlingadministratie Beta", "students-api");
  await expect(manager.getByTestId("cell-las-b-students-api")).toContainText("Verzonden, ontvangen door de aanbieder (202)", {
    timeout: 45_000,
  });
  expect((await request.put(`${ADMIN}/consent`, { data: { decide: putId, decision: "confirm" } })).status()).toBe(200);
  await expect(manager.getByTestId("cell-las-b-students-api")).toContainText("Bevestigd", { timeout: 45_000 });
  expect((await request.put(`${ADMIN}/consent`, { data: { revoke: putId } })).status()).toBe(200);
  await expect(manager.getByTestId("cell-las-b-students-api")).toContainText("Ingetrokken", { timeout: 45_000 });

  const history = manager.getByTestId(`request-${putId}`);
  await history.getByRole("button", { name: /^Geschiedenis/ }).click();
  await expect(manager.locator(`#history-${putId}`).getByRole("listitem")).toHaveCount(4);
  await expect(manager.getByTestId(`request-${refusedId}`)).toContainText("Afgewezen door de aanbieder");

  // Revoked at the Provider: the pupil list is refused again.
  const support = await newPage(browser, "support");
  await toHorizon(support);
  await support.goto("/licentiegebruik");
  await support.getByLabel("Naam (of een deel ervan)").fill(nameOf(pupil));
  await support.getByRole("button", { name: "Zoeken", exact: true }).click();
  await expect(support.getByRole("alert").filter({ hasText: "(0022)" })).toBeVisible();
});

test("a Provider whose consent statuses cannot be fetched is named on the page, and the page stays usable", async ({
  browser,
  request,
}) => {
  await request.put(`${ADMIN}/knobs`, { data: { "lr-b": { errorRate: 1 } } });
  const manager = await newPage(browser, "toestemming");
  await manager.goto("/toestemming");
  const kompas = manager.getByRole("rowheader", { name: /Licentieregistratie Uitgeverij Kompas/ });
  // A 503 at first; after five in a row the worker's circuit breaker leaves the Provider alone for a while.
  await expect(kompas).toContainText(
    /Antwoorden ophalen lukt niet: (De bron meldt een storing\. \(HTTP 503 · 0099\)|De bron is niet bereikbaar\.) Laatste poging/,
    { timeout: 30_000 },
  );
  await expect(manager.getByRole("rowheader", { name: /Leerlingadministratie Beta/ })).toContainText("Antwoorden opgehaald");
  await expect(manager.getByTestId("cell-las-b-students-api")).toBeVisible();

  await request.put(`${ADMIN}/knobs`, { data: { "lr-b": { errorRate: 0 } } });
  await expect(kompas).toContainText("Antwoorden opgehaald", { timeout: 30_000 });
});

test("a Provider whose statuses carry no providerStatus and no changedAt, and an empty reference until it confirms: the request ends in Bevestigd", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  // Only what the Edu-V documentation promises (ERRATA 35, Reading rules): the state follows from the reference.
  await request.put(`${ADMIN}/knobs`, { data: { "las-b": { consentStatusShape: "minimal", consentDecision: "manual" } } });
  const manager = await newPage(browser, "toestemming");
  const id = await ask(manager, "Leerlingadministratie Beta", "students-api");
  const cell = manager.getByTestId("cell-las-b-students-api");
  await expect(cell).toContainText("Verzonden, ontvangen door de aanbieder (202)", { timeout: 45_000 });
  // The Provider answers its status with an empty reference meanwhile: nothing changes here.
  const statuses = async () =>
    (await (await request.get(`${ADMIN}/consent`)).json()) as { requests: Array<{ consumerReferenceId: string; status: string }> };
  expect((await statuses()).requests.find((r) => r.consumerReferenceId === id)?.status).toBe("requested");
  // Until the dashboard has polled LAS Beta's statuses once more (a poll started after this one began has ended).
  const consentCalls = async () =>
    ((await (await request.get(`${ADMIN}/stats`)).json()) as Record<string, { consentCalls: number }>)["las-b"]?.consentCalls ?? 0;
  const polled = await consentCalls();
  await expect.poll(consentCalls, { timeout: 15_000 }).toBeGreaterThanOrEqual(polled + 2);
  await manager.reload();
  await expect(cell).toContainText("Verzonden, ontvangen door de aanbieder (202)");

  expect((await request.put(`${ADMIN}/consent`, { data: { decide: id, decision: "confirm" } })).status()).toBe(200);
  await expect(cell).toContainText("Bevestigd", { timeout: 45_000 });
  await expect(manager.getByTestId(`request-${id}`)).toContainText("Kenmerk bij de aanbieder: las-b-0001");
});
