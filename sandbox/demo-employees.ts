import { readFileSync } from "node:fs";
import { generateSchool } from "./data/generate";
import { SCHOOLS } from "./data/schools";

export type DemoEmployee = { userIdType: "NEPRI"; userId: string; name: string };

/**
 * The sandbox schools' staff as the demo's employee list (config/employees.demo.json), keyed by the
 * dashboard's school ids. In a real school the administrator adds employees on the Medewerkers page.
 */
export function demoEmployees(sourcesFile = "config/sources.demo.json", seed = "leermiddelendashboard"): Record<string, DemoEmployee[]> {
  const config = JSON.parse(readFileSync(sourcesFile, "utf8")) as { schools: Array<{ id: string; organisationMasterIdentifier?: string }> };
  const out: Record<string, DemoEmployee[]> = {};
  for (const school of config.schools) {
    const def = SCHOOLS.find((s) => s.orgMasterId === school.organisationMasterIdentifier);
    if (!def) continue;
    out[school.id] = generateSchool(seed, def, "demo").employees.map((e) => ({
      userIdType: "NEPRI",
      userId: e.nepri,
      name: [e.givenName, e.familyNamePrefix, e.familyName].filter(Boolean).join(" "),
    }));
  }
  return out;
}

// `npx tsx sandbox/demo-employees.ts` writes the file; a test keeps it equal to the generator.
if (process.argv[1]?.endsWith("demo-employees.ts")) {
  const { writeFileSync } = await import("node:fs");
  writeFileSync("config/employees.demo.json", JSON.stringify(demoEmployees(), null, 1) + "\n");
  console.log("wrote config/employees.demo.json");
}
