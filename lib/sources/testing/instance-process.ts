/**
 * A dashboard instance for the multi-instance cache test, run with `node --import tsx
 * --conditions=react-server`: the store, the consent worker (LDB_CONSENT_WORKER) and the consent
 * change listener are started as instrumentation.ts starts them; students are read as the
 * Leerlingen route reads them (getEduvRuntime, listSchoolStudents, its answer cache).
 * LDB_TEST_NO_LISTENER=1 leaves the listener out (the control: an instance that hears nothing).
 * Commands on stdin, one JSON object a line: {"get": n}. Replies and log lines on stdout, one
 * JSON object a line; replies carry `reply`.
 */
import { createInterface } from "node:readline";
import { startConsentWorkerFromEnv } from "@/lib/features/consent/run";
import { getStore } from "@/lib/db/client";
import { startConsentChangeListenerFromEnv } from "@/lib/runtime/consent-changes";
import { SourceError } from "@/lib/sources/errors";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { listSchoolStudents } from "@/lib/features/students/students";

const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const store = await getStore();
const listener = process.env.LDB_TEST_NO_LISTENER === "1" ? undefined : startConsentChangeListenerFromEnv();
while (listener && listener.connections() < 1) await new Promise((r) => setTimeout(r, 20));
const worker = await startConsentWorkerFromEnv();

const { client } = getEduvRuntime();
const school = client.config.schools[0]!;

createInterface({ input: process.stdin }).on("line", (line) => {
  const command = JSON.parse(line) as { get: number };
  listSchoolStudents(client, school).then(
    (list) => say({ reply: command.get, ok: true, rows: list.rows.length, ageMs: list.ageMs }),
    (err: unknown) => say({ reply: command.get, ok: false, error: err instanceof SourceError ? err.kind : "internal" }),
  );
});

process.once("SIGTERM", async () => {
  await worker?.stop();
  await listener?.stop();
  await store.close();
  process.exit(0);
});
say({ ready: true, pid: process.pid, listening: !!listener, worker: !!worker });
