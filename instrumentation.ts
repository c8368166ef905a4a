// Runs once when the server starts: refuse to run in production without the production settings;
// check the sources file now, so a bad field is reported at start-up with its name, not on the
// first page view; then start the consent worker and the contract-health flusher.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.LDB_LOG_FILE) (await import("@/lib/log-tee")).teeProcessOutput();
  const { stopWithoutProductionSettings } = await import("@/lib/env/start-check");
  stopWithoutProductionSettings();
  const { loadSourcesConfig, SourcesConfigError } = await import("@/lib/eduv/sources-config");
  let configured = false;
  try {
    const config = loadSourcesConfig();
    configured = true;
    console.log(`Edu-V sources: ${config.sources.length} configured for ${config.schools.length} schools`);
  } catch (err) {
    if (!(err instanceof SourcesConfigError)) throw err;
    console.error(`Edu-V sources file: ${err.message}`);
  }
  if (process.env.DEMO_MODE === "1") {
    const { seedDemoEmployees } = await import("@/lib/db/demo-seed");
    await seedDemoEmployees().then(
      (n) => console.log(`demo: ${n} employees in the schools' employee lists`),
      (err: Error) => console.error(`demo: employee list not seeded (${err.name})`),
    );
  }
  // Consent requests stored here are sent (and the Providers' answers fetched) in the background.
  if (configured && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startConsentWorkerFromEnv } = await import("@/lib/consent/run");
    await startConsentWorkerFromEnv().catch((err: Error) => console.error(`consent worker not started (${err.name})`));
    // Started here, not with the Source client: a client in a test or a script must not write to the store on a timer.
    const { startContractHealthFlusher } = await import("@/lib/eduv/contract-health-process");
    startContractHealthFlusher();
  }
}
