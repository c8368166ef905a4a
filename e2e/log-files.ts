/**
 * Where the e2e servers also write their log lines (playwright.config.ts sets LDB_LOG_FILE and
 * SANDBOX_LOG_FILE); each file is started anew when its server starts. The privacy canary reads them.
 */
export const LOG_FILES = { dashboard: ".data/e2e-logs/dashboard.log", sandbox: ".data/e2e-logs/sandbox.log" } as const;
