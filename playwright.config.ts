import { defineConfig, devices } from "@playwright/test";
import { LOG_FILES } from "./e2e/log-files";
import { BREAKER_HALF_OPEN_MS, e2eSourcesFile, PORT, SANDBOX_PORT } from "./e2e/servers";

// Debian's Chromium: Playwright's own browser download is not reachable from our machines.
export default defineConfig({
  testDir: "./e2e",
  // Signs every demo account in once (after the servers are up); specs restore those sessions.
  globalSetup: "./e2e/global-setup.ts",
  timeout: 60_000,
  retries: 0,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  expect: { timeout: 15_000 },
  use: { baseURL: `http://localhost:${PORT}`, screenshot: "only-on-failure", trace: "off" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: "tsx sandbox/main.ts",
      url: `http://localhost:${SANDBOX_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: {
        SANDBOX_PORT: String(SANDBOX_PORT),
        SANDBOX_CLIENT_JWKS_URI: `http://localhost:${PORT}/.well-known/jwks.json`,
        SANDBOX_CONSUMER_URL: `http://localhost:${PORT}`,
        SANDBOX_CONSENT_POLL_MS: "1000",
        SANDBOX_LOG_FILE: LOG_FILES.sandbox,
      },
    },
    {
      command: `node node_modules/next/dist/bin/next start -p ${PORT}`,
      url: `http://localhost:${PORT}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: {
        // The demo's Sources with a short timeout (e2e/servers.ts), and a short circuit-breaker pause.
        NEXT_TELEMETRY_DISABLED: "1",
        EDUV_SOURCES_FILE: e2eSourcesFile(),
        EDUV_LAS_B_CLIENT_SECRET: "demo-secret-las-b",
        LDB_BREAKER_HALF_OPEN_MS: String(BREAKER_HALF_OPEN_MS),
        // A store of its own for every run (in memory: nothing of an earlier run is left), and the reset route of the fixtures.
        DEMO_MODE: "1",
        AUTH_URL: `http://localhost:${PORT}`,
        PGLITE_DIR: "memory://",
        LDB_E2E: "1",
        LDB_CHECK_ANSWERS: "1",
        LDB_REFERENCE_DATE: "2026-03-02",
        LDB_CONSENT_INTERVAL_MS: "500",
        LDB_CONSENT_STATUS_INTERVAL_MS: "1000",
        // Live checks only when a test asks: background checks would add calls the usage tests count.
        LDB_CONSENT_LIVE_CHECK_MS: "0",
        // A pushing Provider (lr-a) is polled at the start only: the push test counts its Consent API calls.
        LDB_CONSENT_PUSHED_CHECK_MS: "86400000",
        // Everything the dashboard logs also goes here: the privacy canary scans it.
        LDB_LOG_FILE: LOG_FILES.dashboard,
        // One demo account asks again, exports and looks up far more often across the e2e files than a
        // person does (the fault matrix alone refreshes 9 times a page): per-user limits raised here.
        // The limits themselves are tested on the real route handlers (lib/api/limits-routes.test.ts).
        LDB_LIMITS: JSON.stringify({
          lookup: { capacity: 1000, perMinute: 1000 },
          refresh: { capacity: 1000, perMinute: 1000 },
          export: { capacity: 1000, perMinute: 1000 },
          coverage: { capacity: 1000, perMinute: 1000 },
        }),
      },
    },
  ],
});
