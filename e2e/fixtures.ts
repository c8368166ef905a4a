import { expect, test as base, type Browser, type BrowserContext } from "@playwright/test";
import { resetServers } from "./servers";

export { expect };
export type { APIRequestContext, Browser, Page } from "@playwright/test";

/**
 * Every e2e test runs with the Content-Security-Policy on, and fails when the browser refused
 * anything under it: a script without the nonce, a style, an image, a connection or a form target.
 * Each context a test uses is watched, also the ones it opens itself with browser.newContext() or
 * browser.newPage(). Chromium reports a violation both as a console message ("Refused to …") and
 * as a `securitypolicyviolation` event; the event is turned into a console message by an init
 * script (init scripts are injected by the browser's debugger protocol, so the CSP does not block them).
 */
const CSP_MESSAGE = /Content Security Policy|Refused to (load|execute|apply|connect|frame|send form|run|evaluate)|^csp-violation /;

async function watch(context: BrowserContext, found: string[]): Promise<void> {
  context.on("console", (msg) => {
    if (CSP_MESSAGE.test(msg.text())) found.push(`${msg.location().url || "?"}: ${msg.text()}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`csp-violation ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} in ${e.documentURI}`);
    });
  });
}

/**
 * `knownState`: before every test, both servers are reset (e2e/servers.ts resetServers), so a test
 * sees the sandbox's own data and no answer, breaker, pause or rate limit left by another test,
 * whichever ran before it. A test arranges what it needs itself and leaves nothing to repair.
 * `cspViolations`: what the browser refused so far in this test; empty at its end, or the test fails.
 */
export const test = base.extend<{ knownState: void; cspViolations: string[] }>({
  knownState: [
    async ({ request }, provide) => {
      await resetServers(request);
      await provide();
    },
    { auto: true },
  ],
  cspViolations: [
    async ({ context, browser }, provide) => {
      const found: string[] = [];
      await watch(context, found);
      const b = browser as Browser & { newContext: Browser["newContext"] };
      const newContext = b.newContext;
      // browser.newPage() makes its context through this.newContext(), so both are covered.
      b.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const created = await newContext.apply(b, args);
        await watch(created, found);
        return created;
      };
      try {
        await provide(found);
      } finally {
        b.newContext = newContext;
      }
      expect(found, "CSP violations while this test ran").toEqual([]);
    },
    { auto: true },
  ],
});
