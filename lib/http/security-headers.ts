/**
 * The security headers of every answer, set in proxy.ts (which runs on the Node.js runtime at
 * request time, so AUTH_URL is read when the server runs, not when it was built). Pure functions:
 * the proxy and the tests share them. No `server-only`: the proxy bundle is not a server component.
 */

// Files of the app that are not pages: Next's routes, the JWKS, the icon (app/icon.svg), and
// public/'s web app manifest and icons (a browser fetches the manifest without cookies).
const NOT_PAGES = /api\/|\.well-known\/|_next\/|favicon\.ico|icon\.svg$|manifest\.webmanifest$|icons\/[\w-]+\.svg$/.source;
const PUBLIC = new RegExp(`^/(inloggen|${NOT_PAGES})`);
const NOT_PAGE = new RegExp(`^/(${NOT_PAGES})`);

/** Paths the proxy sends to /inloggen without a session cookie (all pages but the sign-in page). */
export function needsSession(pathname: string): boolean {
  return !PUBLIC.test(pathname);
}

/** Paths that answer with HTML documents (pages, their RSC payloads and server actions). */
export function isPage(pathname: string): boolean {
  return !NOT_PAGE.test(pathname);
}

/** 128 random bits, base64: what Next reads back from the request's CSP to put on its scripts. */
export function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The pages' policy. Scripts run only with this answer's nonce or when loaded by such a script
 * ('strict-dynamic': Next's chunks load one another); no 'unsafe-inline' or 'unsafe-eval' for
 * scripts. Stylesheets come from our own origin (Tailwind is compiled into CSS files); style
 * attributes stay allowed (style-src-attr) for the widths, heights and offsets React renders on
 * bars, charts and the virtualised list: they can restyle, not run code. Forms post only to
 * ourselves, but the sign-in form's answer is a redirect to the IdP, and Chromium applies
 * form-action to redirects after a post (without JavaScript the sign-in was blocked), so the IdP's
 * origin is a form target too.
 */
export function pagePolicy(nonce: string, opts: { idpOrigin?: string; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    `form-action 'self'${opts.idpOrigin ? ` ${opts.idpOrigin}` : ""}`,
  ];
  if (opts.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Everything else (JSON, CSV, the JWKS, static files): nothing may run, load or frame it. */
export const NON_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Features the dashboard never uses, switched off for it and anything it might embed. */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "fullscreen",
  "geolocation",
  "gyroscope",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** The headers on every answer; HSTS only when the dashboard is served over https (AUTH_URL). */
export function commonHeaders(authUrl: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Frame-Options": "DENY",
  };
  if (authUrl?.startsWith("https://")) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/** The origin of a URL, or undefined when it is not one. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
