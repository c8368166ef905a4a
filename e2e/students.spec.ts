import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures";
import { signIn } from "./sign-in";

const ADMIN = "http://localhost:4100/_admin";
const rows = (page: Page) => page.locator("tbody tr[aria-rowindex]");
/** The app's pages: their paths are the same for everyone, the navigation prefetches them. */
const PAGES = new Set([
  "/",
  "/leerlingen",
  "/inschrijvingen",
  "/medewerkers",
  "/licentiegebruik",
  "/toestemming",
  "/datakwaliteit",
  "/bronnen",
  "/toegangslog",
  "/inloggen",
  "/geen-toegang",
]);
/** What a URL says beyond the page it names: any other path, the query (but Next's `_rsc` key) and the fragment, lower case. */
const said = (u: string) => {
  const url = new URL(u);
  url.searchParams.delete("_rsc");
  return decodeURIComponent(`${PAGES.has(url.pathname) ? "" : url.pathname}${url.search}${url.hash}`).toLowerCase();
};
const axe = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
};

test("a school administrator finds a student by name; the search travels in a POST body, never in a URL", async ({ page }) => {
  const urls: string[] = [];
  const searches: Array<{ method: string; body: string }> = [];
  page.on("request", (r) => {
    urls.push(r.url());
    if (new URL(r.url()).pathname === "/api/students") searches.push({ method: r.method(), body: r.postData() ?? "" });
  });
  await signIn(page, "beheer-po");
  await page.goto("/leerlingen");
  await expect(page.getByText("204 leerlingen")).toBeVisible();
  await expect(rows(page).nth(3)).toBeVisible();
  const name = (await rows(page).nth(3).locator("td").first().textContent())!.trim();
  const family = name.split(" ").at(-1)!;
  await page.getByLabel("Zoek op naam").fill(name);
  await expect(rows(page).first()).toContainText(name);
  expect(page.url()).not.toContain(encodeURIComponent(name.split(" ")[0]!));
  expect(searches.every((s) => s.method === "POST")).toBe(true);
  expect(searches.some((s) => (JSON.parse(s.body) as { q?: string }).q === name)).toBe(true);
  // Built chunks' hashed names and Next's `_rsc` cache keys could hold any short word by chance, and the
  // pages' own paths are words too ("Wal" is in /datakwaliteit): everything else of every URL is checked.
  expect(urls.filter((u) => !u.includes("/_next/static/") && said(u).includes(family.toLowerCase()))).toEqual([]);
  await axe(page);
});

test("a list of 3,000 students keeps fewer than 100 rows in the DOM while scrolling to the end", async ({ page, request }) => {
  await signIn(page, "beheer-vo");
  await request.put(`${ADMIN}/scale`, { data: { scale: "bench" } });
  await page.goto("/leerlingen");
  await expect(page.getByText("3.000 leerlingen")).toBeVisible();
  const list = page.getByTestId("students-scroll");
  let most = 0;
  // Scroll step by step to the very end; after every step count the rows the DOM holds. The first
  // scroll hands the server's rows over to the browser's list, which brings its own region: a step
  // that reached the server's region as it left the page (detached, no height) is not the end.
  for (let step = 0; step < 400; step++) {
    const atEnd = await list.evaluate((el) => {
      el.scrollTop += el.clientHeight * 3;
      return el.isConnected && el.scrollHeight > 0 && el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
    });
    most = Math.max(most, await page.locator("tbody tr").count());
    if (atEnd) break;
  }
  await expect(page.locator('tbody tr[aria-rowindex="3001"] td a')).toBeVisible();
  most = Math.max(most, await page.locator("tbody tr").count());
  expect(most).toBeLessThan(100);
  expect(most).toBeGreaterThan(10);
});

test("columns can be chosen and the list sorted; the sort is kept in the URL", async ({ page }) => {
  await signIn(page, "beheer-po");
  await page.goto("/leerlingen");
  await expect(page.getByRole("columnheader", { name: "E-mail" })).toHaveCount(0);
  await page.getByRole("checkbox", { name: "E-mail" }).check();
  await expect(page.getByRole("columnheader", { name: "E-mail" })).toBeVisible();
  await page.getByRole("button", { name: "Sorteer op Geboortedatum" }).click();
  await expect(page.getByRole("button", { name: "Sorteer op Geboortedatum" })).toContainText("▲");
  await expect(page).toHaveURL(/sort=dateOfBirth&dir=asc/);
  // The previous rows stay on screen until the sorted ones arrive: wait for the order, do not sample once.
  await expect
    .poll(async () => {
      // The day as shown is dd-mm-yyyy; its <time dateTime> is the yyyy-mm-dd that orders as text.
      const dates = await page
        .locator("tbody tr[aria-rowindex] td:nth-child(3) time")
        .evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
      return dates.length > 1 && dates.every((d, i) => i === 0 || dates[i - 1]! <= d);
    })
    .toBe(true);
  await page.reload();
  await expect(page.getByRole("button", { name: "Sorteer op Geboortedatum" })).toContainText("▲");
});

test("the Source filters students by subject offering; the filter is in the URL, the count follows", async ({ page }) => {
  await signIn(page, "beheer-vo");
  await page.goto("/leerlingen");
  await expect(page.getByText("1.400 leerlingen")).toBeVisible();
  await page.getByLabel("Vak of lesgroep (aanbod)").selectOption("sub-900B201-ne-h4b-2526");
  await expect(page).toHaveURL(/subjectOfferingId=sub-900B201-ne-h4b-2526/);
  await expect(page.getByText("1.400 leerlingen")).toHaveCount(0);
  const count = Number((await page.getByText(/^\d+ leerlingen$/).textContent())!.split(" ")[0]);
  // The same count as the enrollments in that offering, asked of the Source directly through the BFF.
  const enrolled = (await (
    await page.request.get("/api/enrollments?enrollmentType=subject&subjectOfferingId=sub-900B201-ne-h4b-2526")
  ).json()) as { total: number };
  expect(count).toBe(enrolled.total);
  expect(count).toBeGreaterThan(10);
});

test("the CSV export has exactly the filtered rows and no full identifiers", async ({ page }) => {
  await signIn(page, "beheer-vo");
  await page.goto("/leerlingen");
  await expect(page.getByText("1.400 leerlingen")).toBeVisible();
  await page.getByLabel("Zoek op naam").fill("jansen");
  await expect(page.getByText("1.400 leerlingen")).toHaveCount(0);
  const count = Number((await page.getByText(/^\d+ leerlingen$/).textContent())!.split(" ")[0]);
  await expect(page.getByText(`${count} leerlingen`)).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Exporteer CSV" }).click()]);
  const text = (await (await download.createReadStream()).toArray()).join("");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toContain("naam,roepnaam,voornaam,tussenvoegsel,achternaam");
  expect(lines.length - 1).toBe(count);
  expect(count).toBeGreaterThan(0);
  expect(text).not.toContain("ketenid");
});

test("a student's page: enrollments, teachers and coach, identifiers revealed only on a logged click", async ({ page }) => {
  await signIn(page, "beheer-vo");
  await page.goto("/leerlingen");
  await expect(page.getByText("1.400 leerlingen")).toBeVisible();
  const link = rows(page).nth(2).getByRole("link");
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  expect(page.url()).toMatch(/\/leerlingen\/[0-9a-f]{32}$/);
  expect(decodeURIComponent(page.url())).not.toContain(name.split(" ").at(-1)!);
  // A VO pupil at Meridiaan College: one study and 10–14 subject enrollments, a teacher per subject and a coach.
  const enrollments = page.getByRole("table", { name: "Inschrijvingen" }).locator("tbody tr");
  await expect(enrollments.first()).toBeVisible();
  const subjects = await page.getByRole("table", { name: "Inschrijvingen" }).locator("tbody tr", { hasText: "Vak" }).count();
  expect(subjects).toBeGreaterThanOrEqual(10);
  const teachers = page.getByRole("region", { name: "Docenten en coach" }).getByRole("listitem");
  await expect(teachers.first()).toBeVisible();
  await expect(teachers.filter({ hasText: "– docent" })).toHaveCount(subjects);
  await expect(teachers.filter({ hasText: "coach (mentor)" })).toHaveCount(1);
  await expect(page.getByText(/ECK iD ••••/)).toBeVisible();
  await expect(page.getByText("ketenid.nl")).toHaveCount(0);
  await axe(page);
  const [reveal] = await Promise.all([
    page.waitForResponse("**/api/students/reveal"),
    page.getByRole("button", { name: "Toon volledige kenmerken" }).click(),
  ]);
  expect(reveal.request().method()).toBe("POST");
  await expect(page.getByText(/https:\/\/ketenid\.nl\/201703\//)).toBeVisible();
  expect(page.url()).not.toContain("ketenid");
  await expect(page.getByRole("link", { name: "Licentiegebruik van deze leerling bekijken" })).toHaveAttribute(
    "href",
    /^\/licentiegebruik\?studentKey=[0-9a-f]{32}$/,
  );
});

test("the students pages meet WCAG 2.1 AA in English too", async ({ page }) => {
  await signIn(page, "beheer-vo");
  await page.goto("/leerlingen");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByText("1,400 students")).toBeVisible();
  await axe(page);
  await rows(page).first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Enrollments" })).toBeVisible();
  await axe(page);
  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.getByRole("heading", { name: "Inschrijvingen" })).toBeVisible();
});
