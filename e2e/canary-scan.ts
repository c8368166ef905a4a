import { existsSync, readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { signIn } from "./sign-in";

/** What the sandbox's PUT /_admin/canary says the canaries are called and carry, per school. */
export type Canaries = {
  token: string;
  schools: Array<{
    orgMasterId: string;
    pupils: Array<{ name: string; givenName: string; familyName: string; eck: string; neppi: string; asi: string; className: string }>;
    employees: Array<{ name: string; nepri: string; asi: string }>;
  }>;
};

/** Where persons' data must never be, as collected during the walk: one string per place. */
export type Places = { urls: string[]; history: string[]; console: string[]; logLines: string[]; accessLogRows: string[] };

export function emptyPlaces(): Places {
  return { urls: [], history: [], console: [], logLines: [], accessLogRows: [] };
}

/**
 * The markers to look for, in lower case: the token (in every canary name, NEPPI, ASI, e-mail
 * address and employee identifier) and each canary ECK iD's 128 hex digits, whole and as first and
 * last 32 (a truncated or split copy counts too).
 */
export function markersOf(canaries: Canaries): string[] {
  const hexes = canaries.schools.flatMap((s) => s.pupils.map((p) => p.eck.slice(p.eck.lastIndexOf("/") + 1)));
  return [canaries.token, ...hexes.flatMap((h) => [h, h.slice(0, 32), h.slice(-32)])].map((m) => m.toLowerCase());
}

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
};

/** The places holding a marker, as "kind: place" (raw and percent-decoded, case-insensitive). */
export function findMarkers(places: Places, markers: readonly string[]): string[] {
  const found: string[] = [];
  for (const [kind, list] of Object.entries(places) as Array<[keyof Places, string[]]>) {
    for (const place of list) {
      const text = `${place}\n${decoded(place)}`.toLowerCase();
      if (markers.some((m) => text.includes(m))) found.push(`${kind}: ${place.slice(0, 300)}`);
    }
  }
  return found;
}

/** The lines of a server's log file (the whole file: it holds exactly this server's output). */
export function logLines(file: string): string[] {
  return existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
    : [];
}

/**
 * Walks one demo account through `steps` in a fresh browser context, recording every request URL
 * and Referer, every console message, and at the end the tab's whole navigation history (CDP).
 */
export async function walk(browser: Browser, places: Places, account: string, steps: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.on("request", (r) => {
    places.urls.push(r.url());
    const referer = r.headers()["referer"];
    if (referer) places.urls.push(referer);
  });
  page.on("console", (m) => places.console.push(m.text()));
  try {
    await signIn(page, account);
    await steps(page);
  } finally {
    const cdp = await context.newCDPSession(page);
    const { entries } = (await cdp.send("Page.getNavigationHistory")) as { entries: Array<{ url: string; title: string }> };
    for (const e of entries) places.history.push(`${e.url} ${e.title}`);
    places.history.push(page.url());
    await context.close();
  }
}

/** Saves a download to completion and returns its text (the export must work; its content may name persons). */
export async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return (await (await download.createReadStream()).toArray()).join("");
}
