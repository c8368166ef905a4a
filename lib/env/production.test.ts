import { describe, expect, it } from "vitest";
import { demoFallbackAllowed, missingProductionSettings, productionStartProblem, settingOrDemo } from "./production";

// A complete production environment, written out here (not taken from the module's list).
const complete = {
  NODE_ENV: "production",
  OIDC_ISSUER: "https://login.school.example",
  OIDC_CLIENT_ID: "leermiddelendashboard",
  OIDC_CLIENT_SECRET: "s3cret",
  AUTH_SECRET: "a".repeat(43),
  AUTH_URL: "https://dashboard.school.example",
  EDUV_SOURCES_FILE: "/etc/ldb/sources.json",
  EDUV_CLIENT_KEY_FILE: "/etc/ldb/client-key.pem",
  ACCESS_LOG_HASH_KEY: "k".repeat(32),
};
const without = (name: string) => Object.fromEntries(Object.entries(complete).filter(([k]) => k !== name));

describe("a production server refuses to start without each setting", () => {
  it.each([
    "OIDC_ISSUER",
    "OIDC_CLIENT_ID",
    "OIDC_CLIENT_SECRET",
    "AUTH_SECRET",
    "AUTH_URL",
    "EDUV_SOURCES_FILE",
    "EDUV_CLIENT_KEY_FILE",
    "ACCESS_LOG_HASH_KEY",
  ])("%s missing alone", (name) => {
    expect(missingProductionSettings(without(name))).toEqual([name]);
    expect(productionStartProblem(without(name))).toBe(
      `Leermiddelendashboard will not start in production: this setting is missing: ${name}. ` +
        `Set it (see .env.example and the README, "Running in production"), or set DEMO_MODE=1 for the demo.`,
    );
  });

  it("counts a blank value as missing", () => {
    expect(missingProductionSettings({ ...complete, AUTH_SECRET: "", OIDC_ISSUER: "  " })).toEqual(["OIDC_ISSUER", "AUTH_SECRET"]);
  });

  it("names every missing setting in one message", () => {
    expect(productionStartProblem({ NODE_ENV: "production" })).toBe(
      "Leermiddelendashboard will not start in production: these settings are missing: OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, AUTH_SECRET, AUTH_URL, EDUV_SOURCES_FILE, EDUV_CLIENT_KEY_FILE, ACCESS_LOG_HASH_KEY. " +
        'Set them (see .env.example and the README, "Running in production"), or set DEMO_MODE=1 for the demo.',
    );
  });

  it("starts with all of them present", () => {
    expect(productionStartProblem(complete)).toBeNull();
    expect(demoFallbackAllowed(complete)).toBe(false);
  });
});

describe("outside a production run the demo settings stand in", () => {
  it.each([
    ["DEMO_MODE=1 under next start", { NODE_ENV: "production", DEMO_MODE: "1" }],
    ["next build (no secrets needed to build)", { NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }],
    ["next dev", { NODE_ENV: "development" }],
    ["the tests", { NODE_ENV: "test" }],
  ])("%s", (_label, env) => {
    expect(productionStartProblem(env)).toBeNull();
    expect(demoFallbackAllowed(env)).toBe(true);
    expect(settingOrDemo("OIDC_ISSUER", env)).toBe("http://localhost:4010");
  });

  it("DEMO_MODE must be exactly 1", () => {
    expect(productionStartProblem({ NODE_ENV: "production", DEMO_MODE: "true" })).toMatch(/these settings are missing: OIDC_ISSUER/);
  });
});

it("a production setting never falls back to its demo value", () => {
  expect(() => settingOrDemo("OIDC_ISSUER", { NODE_ENV: "production" })).toThrow(
    "OIDC_ISSUER is not set; a production server has no demo fallback for it",
  );
  expect(settingOrDemo("OIDC_ISSUER", complete)).toBe("https://login.school.example");
});
