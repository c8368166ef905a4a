import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Locator } from "@playwright/test";
import { expect, test, type APIRequestContext, type Page } from "./fixtures";
import { at, regenboog, TODAY, type Json, type Pupil } from "./regenboog";
import { signIn } from "./sign-in";

// Issue 25, the school-wide licence scan on /datakwaliteit, as the support desk of OBS De Regenboog
// (the account's default school: LAS Alfa, Licentieregistraties lr-a and lr-b) runs it. The expected
// counts are the sandbox generator's own (e2e/regenboog.ts), never the dashboard's.
const ADMIN = "http://localhost:4100/_admin";
const REGISTRIES = ["lr-a", "lr-b"] as const;
const NAMES = { "lr-a": "Licentieregistratie Uitgeverij Meridiaan", "lr-b": "Licentieregistratie Uitgeverij Kompas" };

/**
 * Whether an entitlement still works or waits on the reference date, as the dashboard reads it
 * (lib/features/usage/usage.ts meaningOf: "ok" or "not_activated"): licensed and not expired, or
 * entitled with its activation date not past.
 */
const holds = (e: Json) =>
  (e.entitlementStatus === "licensed" && !(typeof e.expirationDate === "string" && e.expirationDate <= TODAY)) ||
  (e.entitlementStatus === "entitled" && !(typeof e.activationUntilDate === "string" && e.activationUntilDate < TODAY));

/**
 * Each pupil's groups now: the study and subject offerings of their enrollments that hold on the
 * reference date (active, begun, not yet ended; the end is exclusive). A pupil without any is not
 * enrolled now (the sandbox's leavers, whose enrollments ended on 2026-01-05).
 */
const groupsNow = new Map<string, Set<string>>();
for (const e of regenboog.enrollments) {
  if (e.status !== "active" || (e.beginDate as string) > TODAY || (e.endDate as string) <= TODAY) continue;
  const eck = (e.student as Json).userMasterIdentifier as string;
  const groups = groupsNow.get(eck) ?? new Set<string>();
  groups.add((e.enrollmentType === "subject" ? e.subject : e.study) as string);
  groupsNow.set(eck, groups);
}
const enrolled = regenboog.pupils.filter((p) => groupsNow.has(p.eck));
/** What a registry holds for a pupil: none means it answers 404, "does not know this person" (sandbox/api.ts). */
const known = (registry: (typeof REGISTRIES)[number], p: Pupil) => at(registry, p).length > 0;
const licensed = (registry: (typeof REGISTRIES)[number], p: Pupil) => at(registry, p).some(holds);

/** Licences that work or wait, held at some registry for a pupil not enrolled now. */
const withoutEnrollment = regenboog.pupils.filter((p) => !groupsNow.has(p.eck) && REGISTRIES.some((r) => licensed(r, p)));
/** Pupils enrolled now whom a registry does not know, while it licenses another pupil enrolled now in one of their groups. */
const unknownAtRegistry = enrolled.filter((p) =>
  REGISTRIES.some(
    (r) =>
      !known(r, p) &&
      [...groupsNow.get(p.eck)!].some((g) => enrolled.some((q) => q !== p && groupsNow.get(q.eck)!.has(g) && licensed(r, q))),
  ),
);
const masked = (p: Pupil) => `ECK iD ••••${p.eck.slice(-4)}`;

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations).toEqual([]);
}
const stats = async (request: APIRequestContext) =>
  (await (await request.get(`${ADMIN}/stats`)).json()) as Record<string, { calls: number; inFlight: number }>;
const scanSection = (page: Page): Locator => page.getByRole("region", { name: "Licenties bij de registraties" });

test("the licence scan asks every registry about every pupil and finds exactly what the sandbox holds", async ({ page }) => {
  test.setTimeout(150_000);
  // The sandbox's data must hold something for both checks to find, or this test would prove little.
  expect(withoutEnrollment.length).toBeGreaterThan(0);
  expect(unknownAtRegistry.length).toBeGreaterThan(0);
  await signIn(page, "support");
  await page.goto("/datakwaliteit");
  const section = scanSection(page);
  await expect(section.getByRole("heading", { level: 2, name: "Licenties bij de registraties" })).toBeVisible();
  await expect(section).toHaveAttribute("data-scan", "none");
  await section.getByRole("button", { name: "Start de controle" }).click();
  await expect(section).toHaveAttribute("data-scan", "done", { timeout: 60_000 });

  const total = regenboog.pupils.length;
  await expect(section.getByText(new RegExp(`^Gecontroleerd op .*: ${total} leerlingen uit de leerlingadministratie\\.$`))).toBeVisible();
  // Every pupil answered about by both registries (a 404 "unknown person" is an answer): the checks are complete.
  for (const r of REGISTRIES)
    await expect(section.getByText(`${NAMES[r]}: antwoord over ${total} leerlingen.`, { exact: true })).toBeVisible();
  await expect(section.getByText("Niet over elke leerling is iets bekend")).toHaveCount(0);

  const leavers = section.locator('section[data-check="licences_without_enrollment"]');
  await expect(leavers).toHaveAttribute("data-count", String(withoutEnrollment.length));
  await expect(leavers.getByRole("heading", { level: 3, name: "Licenties van leerlingen die niet ingeschreven zijn" })).toBeVisible();
  const shown = await leavers.getByRole("rowheader").allInnerTexts();
  expect(shown.map((s) => s.trim()).sort()).toEqual(withoutEnrollment.map(masked).sort());

  const unknown = section.locator('section[data-check="unknown_at_registry"]');
  await expect(unknown).toHaveAttribute("data-count", String(unknownAtRegistry.length));
  await expect(unknown.getByText(`${unknownAtRegistry.length} bevindingen`, { exact: true })).toBeVisible();
  const ticket = await unknown.getByRole("textbox").inputValue();
  expect(ticket).toContain("OBS De Regenboog");
  for (const p of unknownAtRegistry) expect(ticket).not.toContain(masked(p));

  const download = page.waitForEvent("download");
  await unknown.getByRole("button", { name: /^Exporteer CSV/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("datakwaliteit-unknown_at_registry-obs-de-regenboog.csv");
  const lines = readFileSync((await file.path())!, "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  expect(lines[0]).toBe("controle,kenmerk,sleutel,inschrijving,detail");
  expect(lines).toHaveLength(1 + unknownAtRegistry.length);
  expect(lines.join("\n")).not.toMatch(/ketenid|@/);
  await axe(page);

  await page.getByRole("button", { name: "English" }).click();
  const english = page.getByRole("region", { name: "Licences at the registries" });
  await expect(english).toBeVisible();
  await expect(english.getByRole("button", { name: "Check again" })).toBeVisible();
  await axe(page);
  await page.getByRole("button", { name: "Nederlands" }).click();
});

test("a running scan shows its progress and stops at once; no registry is asked after the stop", async ({ page, request }) => {
  test.setTimeout(120_000);
  // Each usage answer takes a second (below the e2e's 4 s Source timeout): 204 pupils at 8 at a time take some 25 s.
  await request.put(`${ADMIN}/knobs`, { data: { "lr-a": { latencyMs: 1000 }, "lr-b": { latencyMs: 1000 } } });
  await signIn(page, "support");
  await page.goto("/datakwaliteit");
  const section = scanSection(page);
  await section.getByRole("button", { name: "Start de controle" }).click();
  await expect(section).toHaveAttribute("data-scan", "running");
  const total = regenboog.pupils.length;
  await expect(section.getByRole("status").filter({ hasText: new RegExp(`^[1-9]\\d* van ${total} leerlingen gevraagd$`) })).toBeVisible({
    timeout: 30_000,
  });
  await expect(section.getByRole("progressbar", { name: new RegExp(`van ${total} leerlingen gevraagd$`) })).toBeVisible();
  await axe(page);

  await section.getByRole("button", { name: "Stoppen" }).click();
  await expect(section).toHaveAttribute("data-scan", "cancelled");
  await expect(
    section.getByText(new RegExp(`^De controle is gestopt op .*, na \\d+ van ${total} leerlingen\\. Er is niets geconcludeerd\\.$`)),
  ).toBeVisible();
  await expect(section.getByRole("button", { name: "Opnieuw controleren" })).toBeVisible();
  await expect(section.locator("section[data-check]")).toHaveCount(0);
  // Calls already sent may still land (each takes the latency set above). A fan-out still going sends the next call as
  // soon as one lands, so the Source would never be without a call in flight: none in flight means it stopped.
  await expect.poll(async () => (await stats(request))["lr-a"]!.inFlight, { timeout: 10_000 }).toBe(0);
  const settled = (await stats(request))["lr-a"]!.calls;
  expect(settled).toBeLessThan(total);
});
