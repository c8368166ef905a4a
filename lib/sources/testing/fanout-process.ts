/**
 * A dashboard process for the cross-instance test, run with `node --import tsx --conditions=react-server`:
 * the server's own Source client (runtime.ts, so with DATABASE_URL its slots are shared through
 * PostgreSQL) running a coverage-like fan-out: LDB_TEST_CALLS usage lookups at LDB_TEST_SOURCE, eight
 * at a time (twice the Source's limit, as fanOut does), from LDB_TEST_START_AT on. It reports one
 * JSON line on stdout.
 */
import { asCaller } from "../capacity/caller";
import { SourceError } from "../errors";
import { getUserUsage } from "../operations";
import { createEduvRuntime } from "@/lib/runtime/source-runtime";

const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const { client } = createEduvRuntime();
const source = process.env.LDB_TEST_SOURCE!;
const calls = Number(process.env.LDB_TEST_CALLS);
const users = JSON.parse(process.env.LDB_TEST_USERS!) as string[];
const failures: Record<string, number> = {};

await new Promise((r) => setTimeout(r, Math.max(0, Number(process.env.LDB_TEST_START_AT) - Date.now())));
const started = performance.now();
let next = 0;
const worker = async () => {
  while (next < calls) {
    const i = next++;
    try {
      await client.call(getUserUsage, source, {
        body: { school: { organisationMasterIdentifier: "900B201" }, user: { userMasterIdentifier: users[i % users.length]! } },
      });
    } catch (err) {
      // A registry that holds nothing for the person answers 404: an answer like any other here.
      const kind = err instanceof SourceError ? err.kind : (err as Error).name;
      if (kind !== "not_found") failures[kind] = (failures[kind] ?? 0) + 1;
    }
  }
};
await asCaller(`staff:${process.pid}`, () => Promise.all(Array.from({ length: 8 }, worker)));
say({ calls, ms: Math.round(performance.now() - started), failures });
process.exit(0);
