import { defineConfig, devices } from "@playwright/test";
import { LOG_FILES } from "./e2e/log-files";

const PORT = 3000;
const SANDBOX_PORT = 4100;

// Debian's Chromium: Playwright's own browser download is not reachable from our machines.
export default defineConfig({
  testDir: "./e2e",
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
          args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions"],
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
        SANDBOX_PORT: String(SANDBOX_PORT), SANDBOX_CLIENT_JWKS_URI: `http://localhost:${PORT}/.well-known/jwks.json`,
        SANDBOX_CONSUMER_URL: `http://localhost:${PORT}`, SANDBOX_CONSENT_POLL_MS: "1000", SANDBOX_LOG_FILE: LOG_FILES.sandbox,
      },
    },
    {
      command: `node node_modules/next/dist/bin/next start -p ${PORT}`,
      url: `http://localhost:${PORT}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: {
        NEXT_TELEMETRY_DISABLED: "1", EDUV_SOURCES_FILE: "config/sources.demo.json", EDUV_LAS_B_CLIENT_SECRET: "demo-secret-las-b",
        DEMO_MODE: "1", AUTH_URL: `http://localhost:${PORT}`, PGLITE_DIR: ".data/pglite-e2e", LDB_REFERENCE_DATE: "2026-03-02",
        LDB_CONSENT_INTERVAL_MS: "500", LDB_CONSENT_STATUS_INTERVAL_MS: "1000",
        // Everything the dashboard logs also goes here: the privacy canary scans it.
        LDB_LOG_FILE: LOG_FILES.dashboard,
      },
    },
  ],
});
