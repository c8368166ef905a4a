import { expect, test, type Page } from "./fixtures";
import { signIn } from "./sign-in";

// Issue 23: every page at 375, 768 and 1,280 px. The document never scrolls sideways (a wide table
// scrolls inside its own region), the page's h1 shows, and the navigation never wraps: at 1,024 px
// and up a sidebar with one link per line, below it a menu button whose panel is closed until it
// is opened (app/_components/header.tsx, components/shell/menu-disclosure.tsx, main-nav.tsx).
const WIDTHS = [375, 768, 1280] as const;
const HEIGHT = 800;
const LG = 1024; // Tailwind's lg: the sidebar from here on.
const MENU = { name: "Menu", exact: true };
const NAV = { name: "Hoofdmenu" };

/** Nothing in the content still loading: no skeleton (aria-busy, grey bars), no "… laden…" status. */
async function settled(page: Page) {
  await expect(page.locator('main [aria-busy="true"], main .animate-pulse')).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: /laden…|wordt geladen|Bezig met|wordt opgehaald/ })).toHaveCount(0);
}

/** How far the document is wider than the window, and, when it is, the widest elements outside any scroll region. */
async function sideways(page: Page): Promise<{ overflowPx: number; widest: string[] }> {
  return page.evaluate(() => {
    const overflowPx = Math.max(0, document.documentElement.scrollWidth - window.innerWidth);
    if (overflowPx === 0) return { overflowPx, widest: [] };
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible") return true;
      }
      return false;
    };
    const widest = [...document.body.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(el))
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .sort((a, b) => b.right - a.right)
      .slice(0, 5)
      .map(
        ({ el, right }) =>
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 4).join(".")} → ${Math.round(right)} px`,
      );
    return { overflowPx, widest };
  });
}

async function noSidewaysScroll(page: Page) {
  await expect.poll(() => sideways(page), { timeout: 3_000 }).toEqual({ overflowPx: 0, widest: [] });
}

/** Each link of the main navigation on one line (its content no higher than 1.6 lines, its text not overflowing), one link below the other. */
async function navLinksOnOneLine(page: Page, right: number) {
  const links = await page
    .getByRole("navigation", NAV)
    .getByRole("link")
    .evaluateAll((els) =>
      els.map((el) => {
        const s = getComputedStyle(el);
        const lineHeight = s.lineHeight === "normal" ? parseFloat(s.fontSize) * 1.2 : parseFloat(s.lineHeight);
        const r = el.getBoundingClientRect();
        const content =
          r.height -
          parseFloat(s.paddingTop) -
          parseFloat(s.paddingBottom) -
          parseFloat(s.borderTopWidth) -
          parseFloat(s.borderBottomWidth);
        return {
          text: el.textContent ?? "",
          lines: content / lineHeight,
          overflows: el.scrollWidth > el.clientWidth + 1,
          left: Math.round(r.left),
          top: r.top,
          right: r.right,
        };
      }),
    );
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) {
    expect(link.lines, `"${link.text}" takes ${link.lines.toFixed(2)} lines`).toBeLessThanOrEqual(1.6);
    expect(link.overflows, `"${link.text}" overflows its box`).toBe(false);
    expect(link.right, `"${link.text}" ends at ${link.right} px, past ${right} px`).toBeLessThanOrEqual(right + 1);
  }
  expect(new Set(links.map((l) => l.left)).size, "all links start at the same x").toBe(1);
  for (let i = 1; i < links.length; i++)
    expect(links[i]!.top, `"${links[i]!.text}" is below "${links[i - 1]!.text}"`).toBeGreaterThan(links[i - 1]!.top);
}

/**
 * At each width: no sideways scroll, the h1 visible, and the shell as it should be there. `nav`: the
 * page has a main navigation (signed in with a role); without one (sign-in page, no role) the
 * panel is always open and there is no menu button.
 */
async function checkWidths(page: Page, h1: string | RegExp, nav: boolean) {
  for (const width of WIDTHS) {
    await test.step(`${width} px`, async () => {
      await page.setViewportSize({ width, height: HEIGHT });
      await settled(page);
      await expect(page.getByRole("heading", { level: 1, name: h1, exact: typeof h1 === "string" })).toBeVisible();
      await noSidewaysScroll(page);
      const banner = (await page.getByRole("banner").boundingBox())!;
      const content = (await page.locator("#content").boundingBox())!;
      if (width >= LG) {
        // A sidebar: the full height on the left, the content beside it.
        expect(banner.x).toBeLessThanOrEqual(0.5);
        expect(banner.width).toBeLessThan(width / 3);
        expect(banner.height).toBeGreaterThanOrEqual(HEIGHT - 1);
        expect(content.x).toBeGreaterThanOrEqual(banner.x + banner.width - 1);
        if (nav) {
          await expect(page.getByRole("button", MENU)).toBeHidden();
          await expect(page.getByRole("navigation", NAV)).toBeVisible();
          await navLinksOnOneLine(page, banner.x + banner.width);
        } else {
          await expect(page.getByRole("button", MENU)).toHaveCount(0);
          await expect(page.getByRole("navigation", NAV)).toHaveCount(0);
        }
      } else {
        // A top bar across the width, the content below it.
        expect(Math.abs(banner.width - width)).toBeLessThanOrEqual(1);
        expect(content.y).toBeGreaterThanOrEqual(banner.y + banner.height - 1);
        if (nav) {
          const menu = page.getByRole("button", MENU);
          await expect(menu).toBeVisible();
          await expect(menu).toHaveAttribute("aria-expanded", "false");
          await expect(page.getByRole("navigation", NAV)).toBeHidden();
          await menu.click();
          await expect(menu).toHaveAttribute("aria-expanded", "true");
          await expect(page.getByRole("navigation", NAV)).toBeVisible();
          await navLinksOnOneLine(page, width);
          await noSidewaysScroll(page);
          await menu.click();
          await expect(page.getByRole("navigation", NAV)).toBeHidden();
        } else {
          await expect(page.getByRole("button", MENU)).toHaveCount(0);
          await expect(page.getByRole("navigation", NAV)).toHaveCount(0);
        }
      }
    });
  }
}

type Case = {
  /** The page as docs/pages.md names it. */
  page: string;
  /** Signed in as (a role that may open the page), or null: signed out. */
  account: string | null;
  h1: string | RegExp;
  /** Opens the page (signed in already) and waits until its content is there. */
  open: (page: Page) => Promise<string | RegExp | void>;
};

const CASES: Case[] = [
  {
    page: "Overzicht (/)",
    account: "beheer-po",
    h1: /^Welkom/,
    open: async (page) => {
      // signIn ends on the home page.
      await expect(page.getByRole("region", { name: "Gezondheid van de bronnen" })).toBeVisible();
    },
  },
  {
    page: "Leerlingen (/leerlingen)",
    account: "beheer-po",
    h1: "Leerlingen",
    open: async (page) => {
      await page.goto("/leerlingen");
      await expect(page.getByText(/^[\d.]+ leerlingen$/)).toBeVisible();
      await expect(page.locator("tbody tr[aria-rowindex]").first()).toBeVisible();
    },
  },
  {
    page: "Leerling (/leerlingen/<key>)",
    account: "beheer-po",
    h1: /./, // the pupil's name; checked exactly in open()
    open: async (page) => {
      await page.goto("/leerlingen");
      const link = page.locator("tbody tr[aria-rowindex]").first().getByRole("link");
      await expect(link).toBeVisible();
      const name = (await link.textContent())!.trim();
      await link.click();
      await page.waitForURL(/\/leerlingen\/[0-9a-f]{32}$/);
      await expect(page.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Inschrijvingen", exact: true })).toBeVisible();
      return name;
    },
  },
  {
    page: "Inschrijvingen (/inschrijvingen)",
    account: "beheer-po",
    h1: "Inschrijvingen",
    open: async (page) => {
      await page.goto("/inschrijvingen");
      await expect(page.getByText(/^[\d.]+ inschrijvingen/)).toBeVisible();
    },
  },
  {
    page: "Medewerkers (/medewerkers)",
    account: "beheer-po",
    h1: "Medewerkers",
    open: async (page) => {
      await page.goto("/medewerkers");
      await expect(page.getByText("Zoek een medewerker op om de toewijzingen te zien.")).toBeVisible();
      await expect(page.getByRole("status").filter({ hasText: "Lijst laden…" })).toHaveCount(0);
    },
  },
  {
    page: "Licentiegebruik (/licentiegebruik)",
    account: "support",
    h1: "Licentiegebruik",
    open: async (page) => {
      await page.goto("/licentiegebruik");
      await expect(page.getByLabel("Naam (of een deel ervan)")).toBeVisible();
    },
  },
  {
    page: "Datakwaliteit (/datakwaliteit)",
    account: "support",
    h1: "Datakwaliteit",
    open: async (page) => {
      await page.goto("/datakwaliteit");
      await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
    },
  },
  {
    page: "Toestemming (/toestemming)",
    account: "toestemming",
    h1: "Toestemming",
    open: async (page) => {
      await page.goto("/toestemming");
      await expect(page.getByRole("heading", { level: 2, name: "Overzicht per aanbieder" })).toBeVisible();
    },
  },
  {
    page: "Bronnen (/bronnen)",
    account: "support",
    h1: "Bronnen",
    open: async (page) => {
      await page.goto("/bronnen");
      await expect(page.getByRole("table", { name: "Ingestelde bronnen en tokenstatus" })).toBeVisible();
    },
  },
  {
    page: "Toegangslog (/toegangslog)",
    account: "auditor",
    h1: "Toegangslog",
    open: async (page) => {
      await page.goto("/toegangslog");
      await expect(page.getByLabel("Gegevens")).toBeVisible();
    },
  },
  {
    page: "Inloggen (/inloggen, signed out)",
    account: null,
    h1: "Inloggen",
    open: async (page) => {
      await page.goto("/inloggen");
      await expect(page.getByRole("heading", { name: "Demo-accounts" })).toBeVisible();
    },
  },
  {
    page: "Geen toegang (/geen-toegang, the account without a role)",
    account: "geen-rol",
    h1: "Geen toegang",
    open: async (page) => {
      await page.goto("/geen-toegang");
    },
  },
];

for (const c of CASES) {
  const nav = c.account !== null && c.account !== "geen-rol";
  const shell = nav
    ? "a sidebar at 1,280 px with one link per line, a closed menu below 1,024 px"
    : "no menu button and no main navigation";
  test(`${c.page} at 375, 768 and 1,280 px: no sideways scroll, its h1 visible, ${shell}${c.account ? ` (as ${c.account})` : ""}`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: WIDTHS.at(-1)!, height: HEIGHT });
    if (c.account) await signIn(page, c.account);
    const h1 = (await c.open(page)) ?? c.h1;
    await settled(page);
    await checkWidths(page, h1, nav);
  });
}
