import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";

// The proxy as Next calls it, with requests as a browser or a Provider sends them.
const req = (path: string, init: { cookie?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(new URL(path, "http://localhost:3000"), {
    headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers },
  });
const nonceOf = (csp: string | null) => /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp ?? "")?.[1];
/** What Next's page renderer gets to see: the request headers the proxy passes on. */
const forwarded = (res: Response, name: string) => res.headers.get(`x-middleware-request-${name}`);

beforeEach(() => {
  vi.stubEnv("AUTH_URL", "http://localhost:3000");
  vi.stubEnv("OIDC_ISSUER", "http://localhost:4010");
});
afterEach(() => vi.unstubAllEnvs());

describe("the sign-in filter keeps its rules", () => {
  it.each([
    ["/", "http://localhost:3000/inloggen"],
    ["/leerlingen", "http://localhost:3000/inloggen?callbackUrl=%2Fleerlingen"],
    ["/bronnen?bron=las-a", "http://localhost:3000/inloggen?callbackUrl=%2Fbronnen"],
    ["/geen-toegang", "http://localhost:3000/inloggen?callbackUrl=%2Fgeen-toegang"],
  ])("%s without a session cookie goes to %s", (path, location) => {
    const res = proxy(req(path));
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe(location);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(nonceOf(res.headers.get("content-security-policy"))).toBeTruthy();
  });

  it.each([
    "/inloggen",
    "/api/students",
    "/api/health",
    "/.well-known/jwks.json",
    "/_next/static/chunks/app.js",
    "/favicon.ico",
    "/icon.svg",
    "/manifest.webmanifest",
    "/icons/icon.svg",
  ])("%s is let through without a cookie", (path) => {
    expect(proxy(req(path)).headers.get("location")).toBeNull();
  });

  it.each([
    ["/icon.svg", "default-src 'none'"],
    ["/icon.svgx", "default-src 'self'"],
    ["/leerlingen/icon.svg", "default-src 'self'"],
    ["/manifest.webmanifest", "default-src 'none'"],
    ["/icons/icon.svg", "default-src 'none'"],
  ])("%s is a page or not: its policy starts %s", (path, start) => {
    expect(proxy(req(path, { cookie: "ldb.session=abc" })).headers.get("content-security-policy")).toMatch(new RegExp(`^${start}`));
  });

  it.each(["ldb.session", "__Host-ldb.session"])("a page with the %s cookie is let through", (name) => {
    expect(proxy(req("/leerlingen", { cookie: `${name}=abc` })).headers.get("location")).toBeNull();
  });
});

describe("pages get a fresh nonce, passed to Next and set on the answer", () => {
  it("a new 128-bit nonce per request, the same one in the answer's and the forwarded CSP", () => {
    const a = proxy(req("/leerlingen", { cookie: "ldb.session=abc" }));
    const b = proxy(req("/leerlingen", { cookie: "ldb.session=abc" }));
    const nonce = nonceOf(a.headers.get("content-security-policy"))!;
    expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    expect(nonceOf(b.headers.get("content-security-policy"))).not.toBe(nonce);
    expect(forwarded(a, "content-security-policy")).toBe(a.headers.get("content-security-policy"));
    expect(forwarded(a, "x-nonce")).toBe(nonce);
  });

  it("a client's own CSP or nonce header never reaches Next", () => {
    const res = proxy(req("/inloggen", { headers: { "content-security-policy": "script-src 'nonce-AAAA'", "x-nonce": "AAAA" } }));
    expect(forwarded(res, "x-nonce")).not.toBe("AAAA");
    expect(forwarded(res, "content-security-policy")).not.toContain("AAAA");
    const api = proxy(req("/api/students", { headers: { "x-nonce": "AAAA" } }));
    expect(forwarded(api, "content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  it("the page policy, word for word", () => {
    const csp = proxy(req("/inloggen")).headers.get("content-security-policy")!;
    const n = nonceOf(csp);
    expect(csp).toBe(
      `default-src 'self'; script-src 'nonce-${n}' 'strict-dynamic'; style-src 'self' 'nonce-${n}'; style-src-attr 'unsafe-inline'; ` +
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self' http://localhost:4010",
    );
  });
});

describe("every answer carries the common headers", () => {
  it.each(["/", "/inloggen", "/api/students", "/api/eduv/oauth2/token", "/.well-known/jwks.json", "/_next/static/x.js"])("%s", (path) => {
    const res = proxy(req(path));
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
    expect(res.headers.get("permissions-policy")).toContain("geolocation=()");
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("HSTS and upgrade-insecure-requests only when AUTH_URL is https", () => {
    vi.stubEnv("AUTH_URL", "https://dashboard.school.example");
    const res = proxy(req("/inloggen"));
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(res.headers.get("content-security-policy")).toMatch(/; upgrade-insecure-requests$/);
    expect(proxy(req("/api/health")).headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("a production server allows only its own IdP as a form target, never the demo's", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("OIDC_ISSUER", "https://login.school.example/tenant/v2.0");
    expect(proxy(req("/inloggen")).headers.get("content-security-policy")).toMatch(
      /; form-action 'self' https:\/\/login\.school\.example$/,
    );
    vi.stubEnv("OIDC_ISSUER", undefined);
    expect(proxy(req("/inloggen")).headers.get("content-security-policy")).toMatch(/; form-action 'self'$/);
  });
});
