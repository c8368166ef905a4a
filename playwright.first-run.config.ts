import { defineConfig, devices } from "@playwright/test";

// The first-run test (scripts/first-run.mjs): the demo is already running from a fresh clone,
// started by the README's own command, so there is no webServer here. Debian's Chromium, as in
// playwright.config.ts.
export default defineConfig({
  testDir: "./e2e-first-run",
  timeout: 120_000,
  retries: 0,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  expect: { timeout: 20_000 },
  use: { baseURL: "http://localhost:3000", screenshot: "only-on-failure", trace: "off" },
  outputDir: "test-results/first-run",
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
});
