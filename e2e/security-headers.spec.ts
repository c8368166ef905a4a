import type { APIResponse } from "@playwright/test";
import { PUBLIC_ROUTES, ROUTE_TABLE } from "../lib/api/route-table";
import { expect, test, type APIRequestContext } from "./fixtures";
import { signIn } from "./sign-in";

// The headers of every answer of the built server, written out here as the checklist has them
// (not read from lib/http/security-headers.ts). AUTH_URL is http in the e2e run: no HSTS.
const COMMON = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "x-frame-options": "DENY",
};
const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const PAGES = [
  "/",
  "/leerlingen",
  "/inschrijvingen",
  "/medewerkers",
  "/licentiegebruik",
  "/toestemming",
  "/bronnen",
  "/toegangslog",
  "/geen-toegang",
  "/inloggen",
  "/bestaat-niet",
];

function checkCommon(res: APIResponse, what: string) {
  const h = res.headers();
  expect(res.status(), `${what}: status`).toBeLessThan(500);
  for (const [name, value] of Object.entries(COMMON)) expect(h[name], `${what}: ${name}`).toBe(value);
  expect(h["permissions-policy"], `${what}: Permissions-Policy`).toMatch(/(^|, )camera=\(\)(, |$)/);
  expect(h["permissions-policy"], `${what}: Permissions-Policy`).toMatch(/(^|, )microphone=\(\)(, |$)/);
  expect(h["permissions-policy"], `${what}: Permissions-Policy`).toMatch(/(^|, )geolocation=\(\)(, |$)/);
  expect(h["strict-transport-security"], `${what}: no HSTS over http`).toBeUndefined();
  expect(h["x-powered-by"], `${what}: X-Powered-By`).toBeUndefined();
}

/** A page: the nonce policy, and every script tag of the HTML carrying this answer's nonce. */
async function checkPage(res: APIResponse, what: string): Promise<string> {
  checkCommon(res, what);
  const csp = res.headers()["content-security-policy"] ?? "";
  const nonce = /script-src 'nonce-([A-Za-z0-9+/]{22}==)' 'strict-dynamic'(;|$)/.exec(csp)?.[1];
  expect(nonce, `${what}: CSP ${csp}`).toBeTruthy();
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "connect-src 'self'", "default-src 'self'"]) {
    expect(csp.split("; "), `${what}: ${directive}`).toContain(directive);
  }
  expect(csp, `${what}: form-action`).toMatch(/(^|; )form-action 'self'( http:\/\/localhost:4010)?(;|$)/);
  expect(csp, `${what}: never unsafe-inline or unsafe-eval for scripts`).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  if (res.status() === 200 && (res.headers()["content-type"] ?? "").startsWith("text/html")) {
    const scripts = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, `${what}: scripts`).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, `${what}: script without the nonce`).toContain(`nonce="${nonce}"`);
  }
  return nonce!;
}

async function studentKey(request: APIRequestContext): Promise<string> {
  const res = await request.post("/api/students", { data: { pageSize: 1 }, headers: { "x-ldb-csrf": "1" } });
  return ((await res.json()) as { rows: { key: string }[] }).rows[0]!.key;
}

test("every page has the nonce CSP and the common headers, signed in and not, with a fresh nonce each time", async ({ page, request }) => {
  for (const path of PAGES) await checkPage(await request.get(path, { maxRedirects: 0 }), `anonymous ${path}`);

  await signIn(page, "beheer-po");
  const pages = [...PAGES, `/leerlingen/${await studentKey(page.request)}`];
  const seen = new Set<string>();
  for (const path of pages) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    seen.add(await checkPage(res, `beheer-po ${path}`));
  }
  expect(seen.size).toBe(pages.length);
  // A page the account may not see redirects; that answer has the headers too (checked above).
  expect((await page.request.get("/toestemming", { maxRedirects: 0 })).headers().location).toBe("/geen-toegang");
});

test("every BFF route of the route table, signed in and anonymous, has the common headers and a no-content policy", async ({
  page,
  request,
}) => {
  await signIn(page, "beheer-po");
  for (const [who, api] of [
    ["beheer-po", page.request],
    ["anonymous", request],
  ] as const) {
    for (const route of ROUTE_TABLE) {
      const res = await api.fetch(route.path, {
        method: route.method,
        headers: { "x-ldb-csrf": "1" },
        ...(route.method === "GET" ? {} : { data: {} }),
        maxRedirects: 0,
      });
      const what = `${who} ${route.method} ${route.path}`;
      checkCommon(res, what);
      expect(res.headers()["content-security-policy"], what).toBe(NON_PAGE_CSP);
    }
  }
});

test("the public routes, the JWKS, the token endpoint, an unknown API path and a static file have them too", async ({ request }) => {
  expect(Object.keys(PUBLIC_ROUTES).sort()).toEqual([
    "/api/auth/[...nextauth]",
    "/api/e2e/reset",
    "/api/e2e/session-ends",
    "/api/eduv/oauth2/token",
    "/api/eduv/v1/consent/notifications",
    "/api/eduv/v1/consent/requests",
    "/api/health",
    "/api/sign-out",
  ]);
  const html = await (await request.get("/inloggen")).text();
  const asset = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!;
  const answers: Array<[string, Promise<APIResponse>]> = [
    ["GET /api/health", request.get("/api/health")],
    ["POST /api/e2e/reset", request.post("/api/e2e/reset")],
    // Without a session: refused (400), with the headers all the same.
    ["POST /api/e2e/session-ends", request.post("/api/e2e/session-ends?in=5")],
    ["GET /api/auth/session", request.get("/api/auth/session")],
    ["GET /api/auth/providers", request.get("/api/auth/providers")],
    ["GET /api/auth/csrf", request.get("/api/auth/csrf")],
    ["POST /api/eduv/oauth2/token", request.post("/api/eduv/oauth2/token", { form: { grant_type: "client_credentials" } })],
    ["GET /api/eduv/v1/consent/requests", request.get("/api/eduv/v1/consent/requests?api=students")],
    ["PUT /api/eduv/v1/consent/notifications", request.put("/api/eduv/v1/consent/notifications", { data: {} })],
    ["GET /.well-known/jwks.json", request.get("/.well-known/jwks.json")],
    ["POST /api/sign-out", request.post("/api/sign-out", { form: {}, maxRedirects: 0 })],
    ["GET /api/bestaat-niet", request.get("/api/bestaat-niet")],
    [`GET ${asset}`, request.get(asset)],
  ];
  for (const [what, pending] of answers) {
    const res = await pending;
    checkCommon(res, what);
    expect(res.headers()["content-security-policy"], what).toBe(NON_PAGE_CSP);
  }
  // A Provider without a client assertion is refused as invalid_client (RFC 6749 §5.2).
  expect((await request.post("/api/eduv/oauth2/token", { form: { grant_type: "client_credentials" } })).status()).toBe(401);
  expect((await request.get("/api/bestaat-niet")).status()).toBe(404);
});

test("a client's own CSP or nonce header changes nothing: the page gets a nonce of the server's", async ({ request }) => {
  const res = await request.get("/inloggen", {
    headers: { "content-security-policy": "script-src 'nonce-QUFBQUFBQUFBQUFBQUFBQQ=='", "x-nonce": "QUFBQUFBQUFBQUFBQUFBQQ==" },
  });
  const nonce = await checkPage(res, "/inloggen with a forged nonce");
  expect(nonce).not.toBe("QUFBQUFBQUFBQUFBQUFBQQ==");
  expect(await res.text()).not.toContain("QUFBQUFBQUFBQUFBQUFBQQ==");
});

test("signing in still works without JavaScript: the form posts to ourselves and is sent on to the IdP", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/inloggen");
  await page.getByRole("button", { name: "Inloggen met schoolaccount" }).click();
  await expect(page.getByLabel("Gebruikersnaam")).toBeVisible();
  expect(new URL(page.url()).origin).toBe("http://localhost:4010");
  await context.close();
});

test("an injected inline event handler is refused, and the CSP guard of the e2e run notices", async ({ page, cspViolations }) => {
  await page.goto("/inloggen");
  // The classic XSS payload: markup with an inline handler.
  await page.evaluate(() =>
    document.body.insertAdjacentHTML("beforeend", '<img src="/bestaat-niet.png" onerror="document.body.dataset.ran = \'1\'">'),
  );
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(await page.locator("body").getAttribute("data-ran")).toBeNull();
  expect(cspViolations.join("\n")).toContain(
    "Executing inline event handler violates the following Content Security Policy directive 'script-src 'nonce-",
  );
  cspViolations.length = 0; // seen and expected here: nothing left for the guard's check after the test
});
