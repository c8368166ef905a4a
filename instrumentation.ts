// Runs once when the server starts: check the sources file now, so a bad field is reported at
// start-up with its name, not on the first page view.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { loadSourcesConfig, SourcesConfigError } = await import("@/lib/eduv/sources-config");
  try {
    const config = loadSourcesConfig();
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
}
