import type { Locator, Page, Response } from "@playwright/test";
import { expect, test, type APIRequestContext } from "./fixtures";
import { generateSchool } from "../sandbox/data/generate";
import { SCHOOLS } from "../sandbox/data/schools";
import { resetServers, SANDBOX_ADMIN } from "./servers";
import { signIn } from "./sign-in";

/**
 * The fault matrix: every page that asks a Source × every fault the sandbox can make (as beheer-po,
 * OBS De Regenboog: LAS Alfa for the lists, the Licentieregistraties for licence usage; the
 * employees' assignments as beheer-vo at Meridiaan College, LAS Beta). Each case must end in an
 * honest state, checked three ways:
 * - the refresh that carried the fault is the one that failed: its BFF answer names the fault's own
 *   code (or, for a list whose records were all left out, their number);
 * - the page shows that fault's own words, exactly: the table below is written by hand from the
 *   product's wording (lib/sources/errors.ts, lib/i18n/messages/nl.json), one per page × fault, so
 *   another fault's words (a token server's failure read as "the Source reports a failure") fail;
 * - the page's heading and controls stay usable: no blank page, error page, 500 from the BFF or
 *   stack trace.
 * Both servers are reset before each fault (no breaker, pause or kept answer of the last one).
 */
const SEED = "leermiddelendashboard";
const regenboog = generateSchool(
  SEED,
  SCHOOLS.find((s) => s.orgMasterId === "900A101")!,
  "demo",
);
type Pupil = (typeof regenboog.pupils)[number];
const nameOf = (p: Pupil) => [p.preferredFirstName || p.givenName, p.familyNamePrefix, p.familyName].filter(Boolean).join(" ");
const lookups = regenboog.pupils
  .filter((p) => p.studyYear >= 6 && !p.leaver && regenboog.pupils.filter((q) => nameOf(q) === nameOf(p)).length === 1)
  .slice(-12);

// Medewerkers at Meridiaan College (beheer-vo, LAS Beta): a VO school has a teacher for every fault.
const meridiaan = generateSchool(
  SEED,
  SCHOOLS.find((s) => s.orgMasterId === "900B201")!,
  "demo",
);
const teachers = meridiaan.employees
  .filter((e) => (meridiaan.assignments.get(e.index) ?? []).length >= 1)
  .map((e) => [e.givenName, e.familyNamePrefix, e.familyName].filter(Boolean).join(" "));

type FaultName =
  | "timeout"
  | "5xx"
  | "429"
  | "connection reset"
  | "malformed JSON"
  | "invalid records"
  | "token endpoint down"
  | "expired token"
  | "oversize answer";
const FAULTS: Array<{ name: FaultName; knobs: object }> = [
  { name: "timeout", knobs: { timeoutRate: 1, hangMs: 20_000 } },
  { name: "5xx", knobs: { errorRate: 1 } },
  // Retry-After 1 s is within what a call may wait: it waits, is answered 429 again, until its wait is used up.
  { name: "429", knobs: { tooManyRequestsRate: 1, retryAfterSeconds: 1 } },
  { name: "connection reset", knobs: { resetRate: 1 } },
  { name: "malformed JSON", knobs: { malformedJsonRate: 1 } },
  { name: "invalid records", knobs: { invalidRecordRate: 1, invalidRecords: 1_000 } },
  // The token server answers 503; every token issued before counts as expired, so a fresh one is needed.
  { name: "token endpoint down", knobs: { tokenErrorRate: 1, expireTokens: true } },
  // Every token the Source issued counts as expired, also the fresh one the client asks for after a 401.
  { name: "expired token", knobs: { expireTokens: true } },
  { name: "oversize answer", knobs: { oversizeRate: 1 } },
];

// What each fault is called by the BFF (its error code, lib/sources/errors.ts) and in words (Dutch).
const CODE: Record<Exclude<FaultName, "invalid records">, string> = {
  timeout: "timeout",
  "5xx": "server_error",
  "429": "busy",
  "connection reset": "unreachable",
  "malformed JSON": "invalid_answer",
  "token endpoint down": "token_unavailable",
  "expired token": "token_invalid",
  "oversize answer": "too_large",
};
const WORDS: Record<Exclude<FaultName, "invalid records" | "429">, string> = {
  timeout: "De bron antwoordde niet op tijd.",
  "5xx": "De bron meldt een storing.",
  "connection reset": "De bron is niet bereikbaar.",
  "malformed JSON": "De bron gaf een onleesbaar of onjuist antwoord.",
  "token endpoint down": "De bron kan nu geen toegangstoken geven: haar tokenserver meldt een storing.",
  "expired token": "De bron accepteert het toegangstoken niet.",
  "oversize answer": "De bron stuurde een te groot antwoord; het is niet gelezen.",
};
// A busy Source: the time of day of the next try (Europe/Amsterdam).
const BUSY = /^De bron is druk; volgende poging om \d\d:\d\d:\d\d\.$/;
const words = (fault: FaultName): string | RegExp => (fault === "429" ? BUSY : WORDS[fault as keyof typeof WORDS]);

type Expect = { where: (page: Page) => Locator; says: string | RegExp };
type PageCase = {
  page: string;
  account?: string;
  heading: string;
  sources: string[];
  /** The BFF request a click on "Vernieuwen" sends. */
  refresh: (r: Response) => boolean;
  open: (page: Page, i: number) => Promise<void>;
  /** The page's own controls, usable after every fault. */
  controls: (page: Page) => Locator[];
  /** Where the page says what went wrong, and the exact words, per fault. */
  shows: (fault: FaultName) => Expect;
  /** The refresh's answer names this fault. */
  answered: (fault: FaultName, body: Record<string, unknown>) => void;
};

const path = (r: Response) => new URL(r.url()).pathname;
const isRefresh = (api: string) => (r: Response) =>
  path(r) === api && (new URL(r.url()).searchParams.get("refresh") === "1" || /"refresh":true/.test(r.request().postData() ?? ""));
// The page's own alert (Next's route announcer is an alert too, outside <main>).
const alert = (page: Page) => page.getByRole("main").getByRole("alert");
// The students list's alert has a title line, then the message.
const titledAlert = (page: Page) => alert(page).locator("p").last();
const errorCode = (fault: FaultName, body: Record<string, unknown>) =>
  expect((body.error as { code?: string } | undefined)?.code, `the refresh's answer for ${fault}`).toBe(CODE[fault as keyof typeof CODE]);

/** A list page whose every record was left out says how many and which field: a 200 with `invalid`. */
const listCase = (o: {
  page: string;
  heading: string;
  api: string;
  records: number;
  field: string;
  alert: (page: Page) => Locator;
  controls: (page: Page) => Locator[];
}): PageCase => ({
  page: o.page,
  heading: o.heading,
  sources: ["las-a"],
  refresh: isRefresh(o.api),
  controls: o.controls,
  open: async (page) => {
    await page.goto(o.page);
    await expect(page.getByRole("button", { name: "Vernieuwen" }).first()).toBeEnabled({ timeout: 30_000 });
  },
  shows: (fault) =>
    fault === "invalid records"
      ? {
          where: (page) => page.getByRole("status").filter({ hasText: "waren ongeldig" }),
          says: `${o.records} records waren ongeldig en zijn weggelaten (velden: ${o.field}).`,
        }
      : { where: o.alert, says: words(fault) },
  answered: (fault, body) => {
    if (fault === "invalid records")
      expect(body.invalid, "the refresh's answer: every record left out").toMatchObject({
        count: o.records,
        paths: { [o.field]: o.records },
      });
    else errorCode(fault, body);
  },
});

const PAGES: PageCase[] = [
  listCase({
    page: "/leerlingen",
    heading: "Leerlingen",
    api: "/api/students",
    records: regenboog.students.length,
    field: "givenName",
    alert: titledAlert,
    controls: (page) => [
      page.getByLabel("Zoek op naam"),
      page.getByRole("button", { name: "Vernieuwen" }),
      page.getByRole("button", { name: "Exporteer CSV" }),
    ],
  }),
  listCase({
    page: "/inschrijvingen",
    heading: "Inschrijvingen",
    api: "/api/enrollments",
    records: regenboog.enrollments.length,
    field: "beginDate",
    alert,
    controls: (page) => [page.getByLabel("Soort"), page.getByRole("button", { name: "Vernieuwen" }).first()],
  }),
  {
    page: "/medewerkers",
    account: "beheer-vo",
    heading: "Medewerkers",
    sources: ["las-b"],
    refresh: isRefresh("/api/employees/assignments"),
    controls: (page) => [
      page.getByLabel(/Kies uit \d+ medewerkers/),
      page.getByRole("button", { name: "Opzoeken" }),
      page.getByRole("button", { name: "Vernieuwen" }),
    ],
    open: async (page, i) => {
      await page.goto("/medewerkers");
      const select = page.getByLabel(/Kies uit \d+ medewerkers/);
      await expect.poll(() => select.locator("option").count()).toBeGreaterThan(FAULTS.length);
      const options = (await select.locator("option").allTextContents()).filter((o) => teachers.some((t) => o.startsWith(t)));
      await select.selectOption({ label: options[i]! });
      await expect(page.getByRole("button", { name: "Vernieuwen" })).toBeEnabled({ timeout: 30_000 });
    },
    shows: (fault) =>
      fault === "invalid records"
        ? {
            where: (page) => page.getByRole("status").filter({ hasText: "waren ongeldig" }),
            says: /^\d+ records waren ongeldig en zijn weggelaten \(velden: beginDate\)\.$/,
          }
        : { where: alert, says: words(fault) },
    answered: (fault, body) => {
      if (fault === "invalid records")
        expect((body.invalid as { count: number }).count, "the refresh's answer: records left out").toBeGreaterThan(0);
      else errorCode(fault, body);
    },
  },
  {
    page: "/licentiegebruik",
    heading: "Licentiegebruik",
    sources: ["lr-a", "lr-b"],
    refresh: isRefresh("/api/usage"),
    controls: (page) => [
      page.getByLabel("Naam (of een deel ervan)"),
      page.getByRole("button", { name: "Zoeken", exact: true }),
      page.getByRole("button", { name: "Opzoeken" }),
    ],
    open: async (page, i) => {
      const pupil = lookups[i]!;
      await page.goto("/licentiegebruik");
      await page.getByLabel("Naam (of een deel ervan)").fill(nameOf(pupil));
      await page.getByRole("button", { name: "Zoeken", exact: true }).click();
      await page.getByRole("button", { name: `Toon gebruik van ${nameOf(pupil)}` }).click();
      await expect(page.getByRole("region", { name: new RegExp(nameOf(pupil)) }).getByRole("button", { name: "Vernieuwen" })).toBeEnabled({
        timeout: 30_000,
      });
    },
    // Per registry: its name, then why its answer cannot be used (Meridiaan's line; Kompas has the same fault).
    shows: (fault) => ({
      where: (page) => page.getByTestId("source-lr-a"),
      // Every entitlement answer without its `user`: the person's record was sent but cannot be read.
      says:
        fault === "invalid records"
          ? "Licentieregistratie Uitgeverij Meridiaan De bron stuurde het record van deze persoon, maar het kon niet worden gelezen: veld user."
          : fault === "429"
            ? /^Licentieregistratie Uitgeverij Meridiaan De bron is druk; volgende poging om \d\d:\d\d:\d\d\.$/
            : `Licentieregistratie Uitgeverij Meridiaan ${WORDS[fault as keyof typeof WORDS]}`,
    }),
    answered: (fault, body) => {
      const status = (body.registries as Array<{ sourceId: string; status: string }>).find((r) => r.sourceId === "lr-a")?.status;
      expect(status, `the refresh's answer for lr-a under ${fault}`).toBe(
        fault === "invalid records" ? "unreadable" : CODE[fault as keyof typeof CODE],
      );
    },
  },
];

const table: string[][] = [];
const knobs = (request: APIRequestContext, sources: string[], value: object) =>
  request.put(`${SANDBOX_ADMIN}/knobs`, { data: Object.fromEntries(sources.map((s) => [s, value])) });

test.afterAll(() => {
  const width = Math.max(...FAULTS.map((f) => f.name.length));
  console.log(
    `fault matrix (${table.length} cases):\n${table.map((r) => `  ${r[0]!.padEnd(16)} ${r[1]!.padEnd(width)}  ${r[2]}`).join("\n")}`,
  );
});

for (const c of PAGES) {
  test(`${c.page}: every fault of its Sources, named in its own words after the refresh that carried it, the controls usable`, async ({
    page,
    request,
  }) => {
    test.setTimeout(FAULTS.length * 30_000);
    await signIn(page, c.account ?? "beheer-po");
    const bffErrors: string[] = [];
    page.on("response", (r: Response) => {
      if (path(r).startsWith("/api/") && r.status() === 500) bffErrors.push(`${r.request().method()} ${path(r)} → 500`);
    });
    for (const [i, fault] of FAULTS.entries()) {
      await test.step(`${c.page} × ${fault.name}`, async () => {
        await resetServers(request);
        await c.open(page, i);
        // Before the fault, the page does not say it (so what it says after is the refresh's doing).
        const before = c.shows(fault.name);
        if (await before.where(page).count()) await expect(before.where(page)).not.toHaveText(before.says);
        await knobs(request, c.sources, fault.knobs);
        const answer = page.waitForResponse(c.refresh, { timeout: 60_000 });
        await page.getByRole("button", { name: "Vernieuwen" }).last().click();
        const res = await answer;
        c.answered(fault.name, (await res.json()) as Record<string, unknown>);
        const { where, says } = c.shows(fault.name);
        await expect(where(page), `${c.page} × ${fault.name}`).toHaveText(says);
        await expect(page.getByRole("heading", { level: 1, name: c.heading })).toBeVisible();
        for (const control of c.controls(page)) await expect(control, `${c.page} × ${fault.name}: a control`).toBeEnabled();
        const visible = await page.locator("body").innerText();
        expect(visible, "no stack trace").not.toMatch(/at .*\.(ts|js):\d+/);
        expect(visible, "no error page").not.toContain("Er ging iets mis");
        expect(bffErrors, "no 500 from the BFF").toEqual([]);
        table.push([c.page, fault.name, (await where(page).textContent())!.trim().slice(0, 100)]);
      });
    }
  });
}
