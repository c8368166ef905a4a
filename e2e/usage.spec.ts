import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "./fixtures";
import { generateSchool, subjectOfferingId } from "../sandbox/data/generate";
import { SCHOOLS } from "../sandbox/data/schools";
import { entitlementsFor } from "../sandbox/data/usage";
import { signIn } from "./sign-in";

// Expected values come from the sandbox's own deterministic generator, not from the dashboard.
const SEED = "leermiddelendashboard";
const ADMIN = "http://localhost:4100/_admin";
const meridiaan = generateSchool(
  SEED,
  SCHOOLS.find((s) => s.orgMasterId === "900B201")!,
  "demo",
);
const nameOf = (p: (typeof meridiaan.pupils)[number]) =>
  [p.preferredFirstName || p.givenName, p.familyNamePrefix, p.familyName].filter(Boolean).join(" ");
const unique = (p: (typeof meridiaan.pupils)[number]) => meridiaan.pupils.filter((q) => nameOf(q) === nameOf(p)).length === 1;
const both = meridiaan.pupils.find(
  (p) =>
    unique(p) &&
    !p.leaver &&
    entitlementsFor(SEED, "lr-b", meridiaan.school, { pupil: p }).length > 0 &&
    entitlementsFor(SEED, "lr-a", meridiaan.school, { pupil: p }).some((e) => e.entitlementStatus === "entitled"),
)!;
const expected = {
  a: entitlementsFor(SEED, "lr-a", meridiaan.school, { pupil: both }),
  b: entitlementsFor(SEED, "lr-b", meridiaan.school, { pupil: both }),
};
const all = [...expected.a, ...expected.b];

const axe = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
};
const toMeridiaan = async (page: Page) => {
  await page.getByLabel("School").selectOption({ label: "Meridiaan College" });
  await page.getByRole("button", { name: "Wissel" }).click();
  await expect(page.getByText("U werkt nu voor Meridiaan College")).toBeVisible();
};
const stats = async (request: APIRequestContext) =>
  (await (await request.get(`${ADMIN}/stats`)).json()) as Record<string, { calls: number; inFlight: number; maxInFlight: number }>;

test("the support desk finds a pupil by name: totals and entitlements from two Licentieregistraties, the Aanspraakmanager's 405 named, a diagnosis to paste", async ({
  page,
}) => {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  await signIn(page, "support");
  await toMeridiaan(page);
  await page.goto("/licentiegebruik");
  await page.getByLabel("Naam (of een deel ervan)").fill(nameOf(both));
  await page.getByRole("button", { name: "Zoeken", exact: true }).click();
  await page.getByRole("button", { name: `Toon gebruik van ${nameOf(both)}` }).click();

  await expect(page.getByRole("heading", { level: 2, name: new RegExp(nameOf(both)) })).toBeVisible();
  await expect(page.getByText(`Licentieregistratie Uitgeverij Meridiaan antwoordde: ${expected.a.length} aanspra`)).toBeVisible();
  await expect(page.getByText(`Licentieregistratie Uitgeverij Kompas antwoordde: ${expected.b.length} aanspra`)).toBeVisible();
  await expect(page.locator("li", { hasText: "Aanspraakmanager Distributie Delta" })).toContainText(
    "Deze bron levert dit gegeven niet (405)",
  );
  for (const status of ["licensed", "entitled", "cancelled", "blocked", "expired"]) {
    await expect(page.getByTestId(`total-${status}`)).toHaveText(String(all.filter((e) => e.entitlementStatus === status).length));
  }
  await expect(page.getByRole("table", { name: "Aanspraken" }).locator("tbody tr")).toHaveCount(all.length);
  // An entitlement that was never activated says what that means.
  await expect(page.getByText("Aangeschaft, maar nog nooit geactiveerd").first()).toBeVisible();
  await axe(page);

  const entitled = expected.a.find((e) => e.entitlementStatus === "entitled")!;
  await page.getByRole("button", { name: `Diagnose voor ${entitled.productTitle as string}` }).click();
  const text = page.getByLabel("Tekst voor een melding (zonder persoonsgegevens)");
  await expect(text).toHaveValue(/Meridiaan College \(900B201\)/);
  await expect(text).toHaveValue(/nooit geactiveerd/);
  const ticket = await text.inputValue();
  expect(ticket).not.toContain(both.familyName);
  expect(ticket).not.toContain(both.eck);
  expect(ticket).not.toContain(both.dateOfBirth);

  // Marker values: no identifier, name or birth date in any URL the browser asked for, nor in its address bar.
  for (const marker of [both.eck, encodeURIComponent(both.eck), both.familyName, both.dateOfBirth]) {
    expect(urls.filter((u) => u.includes(marker))).toEqual([]);
  }
  expect(page.url()).toBe("http://localhost:3000/licentiegebruik");
});

test("a typed ECK iD goes only in request bodies, never in a URL or the history", async ({ page }) => {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  await signIn(page, "support");
  await toMeridiaan(page);
  await page.goto("/licentiegebruik");
  await page.getByLabel("Kenmerk", { exact: true }).fill(both.eck);
  await page.getByRole("button", { name: "Opzoeken" }).click();
  await expect(page.getByTestId("total-licensed")).toHaveText(String(all.filter((e) => e.entitlementStatus === "licensed").length));
  expect(urls.filter((u) => u.includes(both.eck.slice(-40)))).toEqual([]);
  const visited = await page.evaluate(() => [location.href, document.referrer, String(window.history.length)]);
  expect(JSON.stringify(visited)).not.toContain(both.eck.slice(-40));
});

test("the student page links to their licence usage by opaque key", async ({ page }) => {
  await signIn(page, "beheer-vo");
  await page.goto("/leerlingen");
  await page.getByLabel("Zoek op naam").fill(nameOf(both));
  await page.getByRole("link", { name: nameOf(both) }).click();
  await page.getByRole("link", { name: "Licentiegebruik van deze leerling bekijken" }).click();
  await expect(page).toHaveURL(/\/licentiegebruik\?studentKey=[0-9a-f]{32}$/);
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(nameOf(both)) })).toBeVisible();
  await expect(page.getByTestId("total-licensed")).toHaveText(String(all.filter((e) => e.entitlementStatus === "licensed").length));
});

test("coverage of a VO class: progress while it runs, the right counts, drill-down and CSV", async ({ page, request }) => {
  const klas = meridiaan.pupils.find((p) => p.studyYear === 2)!.className;
  const inClass = meridiaan.pupils.filter((p) => p.className === klas && !p.leaver);
  const offering = subjectOfferingId(meridiaan.school, "ne", klas);
  await request.put(`${ADMIN}/knobs`, { data: { "lr-a": { latencyMs: 120 }, "lr-b": { latencyMs: 120 } } });
  await signIn(page, "beheer-vo");
  await page.goto("/licentiegebruik?view=coverage");
  await page.getByLabel("Groep of aanbod").selectOption(`subject:${offering}`);
  await page.getByRole("button", { name: "Dekking berekenen" }).click();
  await expect(page.getByText(/Voortgang: \d+ van \d+ leerlingen nagevraagd/)).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: `Dekking voor ${inClass.length} ingeschreven leerlingen` })).toBeVisible({
    timeout: 30_000,
  });

  const products = page.getByTestId("coverage-product");
  const count = await products.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const item = products.nth(i);
    const code = (await item.locator(".font-mono").first().textContent())!;
    const licensed = inClass.filter((p) =>
      (["lr-a", "lr-b"] as const).some((r) =>
        entitlementsFor(SEED, r, meridiaan.school, { pupil: p }).some((e) => e.productId === code && e.entitlementStatus === "licensed"),
      ),
    ).length;
    await expect(item.getByTestId("coverage-line")).toHaveText(
      `${inClass.length - licensed} van ${inClass.length} leerlingen hebben geen werkende licentie.`,
    );
  }
  const first = products.first();
  if (await first.locator("summary").count()) {
    await first.locator("summary").click();
    await expect(first.locator("tbody tr").first()).toBeVisible();
  }
  expect((await stats(request))["lr-a"]!.maxInFlight).toBeLessThanOrEqual(8);
  await axe(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Exporteer CSV" }).click()]);
  const lines = (await (await download.createReadStream()).toArray()).join("").trim().split("\r\n");
  expect(lines[0]).toBe("onderdeel,product,productcode,leerling,reden of status,licentieregistratie");
  expect(lines.filter((l) => l.startsWith("dekking,")).length).toBe(count * inClass.length);
});

test("cancelling a coverage stops further calls to the Licentieregistraties", async ({ page, request }) => {
  await request.put(`${ADMIN}/knobs`, { data: { "lr-a": { latencyMs: 400 }, "lr-b": { latencyMs: 400 } } });
  await signIn(page, "beheer-vo");
  await page.goto("/licentiegebruik?view=coverage");
  const study = meridiaan.enrollments.find((e) => e.enrollmentType === "study")!.study as string;
  await page.getByLabel("Groep of aanbod").selectOption(`study:${study}`);
  await page.getByRole("button", { name: "Dekking berekenen" }).click();
  await expect(page.getByText(/Voortgang: [1-9]\d* van \d+ leerlingen nagevraagd/)).toBeVisible();
  await page.getByRole("button", { name: "Annuleren" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Geannuleerd" })).toBeVisible();
  // Calls already sent may still land (each takes the latencyMs set above). A fan-out still going sends the next call as
  // soon as one lands, so the Source would never be without a call in flight: none in flight means it stopped.
  await expect.poll(async () => (await stats(request))["lr-a"]!.inFlight, { timeout: 10_000 }).toBe(0);
  const settled = (await stats(request))["lr-a"]!.calls;
  const pupils = meridiaan.enrollments.filter((e) => e.study === study).length;
  expect(settled).toBeLessThan(pupils);
});

test("the licence usage pages meet WCAG 2.1 AA in English", async ({ page }) => {
  await signIn(page, "support");
  await page.goto("/licentiegebruik");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Licence usage" })).toBeVisible();
  await axe(page);
  await page.getByRole("link", { name: "Coverage per class" }).click();
  await expect(page.getByLabel("Class or offering")).toBeVisible();
  await axe(page);
  await page.getByRole("button", { name: "Nederlands" }).click();
});
