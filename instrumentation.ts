// Runs once when the server starts: refuse to run in production without the production settings;
// check the sources file now, so a bad field is reported at start-up with its name, not on the
// first page view; then start the consent worker, the contract-health flusher and (on PostgreSQL)
// the listener that hears other instances' consent changes.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.LDB_LOG_FILE) (await import("@/lib/log-tee")).teeProcessOutput();
  const { stopOnBadSettings, stopWithoutProductionSettings } = await import("@/lib/env/start-check");
  stopWithoutProductionSettings();
  stopOnBadSettings();
  const { log } = await import("@/lib/log");
  const { loadSourcesConfig, SourcesConfigError } = await import("@/lib/sources/config");
  let configured = false;
  try {
    const config = loadSourcesConfig();
    configured = true;
    log().info({ sources: config.sources.length, schools: config.schools.length }, "Edu-V sources configured");
  } catch (err) {
    if (!(err instanceof SourcesConfigError)) throw err;
    // The message names the file's bad field (configuration, never personal data).
    log().error({ problem: err.message }, "Edu-V sources file rejected");
  }
  if (process.env.DEMO_MODE === "1") {
    const { seedDemoEmployees } = await import("@/lib/db/demo-seed");
    await seedDemoEmployees().then(
      (n) => log().info({ employees: n }, "demo: employee lists seeded"),
      (err: Error) => log().error({ err }, "demo: employee lists not seeded"),
    );
  }
  if (configured && process.env.NEXT_PHASE !== "phase-production-build") {
    // Another instance's status poll may record a revocation: this one's answer caches forget that
    // Source's answers for that school when PostgreSQL tells it so (lib/runtime/consent-changes.ts).
    const { startConsentChangeListenerFromEnv } = await import("@/lib/runtime/consent-changes");
    startConsentChangeListenerFromEnv();
    // Consent requests stored here are sent (and the Providers' answers fetched) in the background.
    const { startConsentWorkerFromEnv } = await import("@/lib/features/consent/run");
    await startConsentWorkerFromEnv().catch((err: Error) => log().error({ err }, "consent worker not started"));
    // Started here, not with the Source client: a client in a test or a script must not write to the store on a timer.
    const { startContractHealthFlusher } = await import("@/lib/runtime/contract-health-flush");
    startContractHealthFlusher();
  }
}
