/**
 * A dashboard process for the durability tests, run with `tsx --conditions=react-server`: the same
 * store, Source client and consent worker as the server (lib/features/consent/run.ts), configured by the
 * same environment. LDB_TEST_STORE=N first stores N requests, as the create route does; with
 * LDB_TEST_HOLD=1 it then does nothing else, like a process about to send when it is killed.
 * LDB_TEST_WITHDRAW=N stores N withdrawals of consent the Provider holds (one per API, references
 * held-0, held-1, …), as the withdraw route does.
 * With LDB_TEST_GATE=<file> it says it is ready and starts its worker only once that file exists,
 * so a test can let two processes loose at the same moment.
 * It reports on stdout, one JSON object a line.
 */
import { existsSync } from "node:fs";
import { createConsentRequest } from "@/lib/db/consent";
import { storeWithdrawal } from "@/lib/db/consent-revokes";
import { getStore } from "@/lib/db/client";
import { startConsentWorkerFromEnv } from "../run";

const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const store = await getStore();

const n = Number(process.env.LDB_TEST_STORE ?? 0);
const stored: string[] = [];
for (let i = 0; i < n; i++) {
  const row = await createConsentRequest(store.db, {
    schoolId: "obs",
    providerId: "las",
    api: "students-api",
    scopes: ["eduv.student.basic"],
    delivery: "put",
    send: true,
    actor: "durability-test",
  });
  stored.push(row.consumerReferenceId);
}
const withdrawn: string[] = [];
const apis = ["students-api", "association-api", "usage-api", "employees-api", "education-api"];
for (let i = 0; i < Number(process.env.LDB_TEST_WITHDRAW ?? 0); i++) {
  const row = await storeWithdrawal(store.db, {
    schoolId: "obs",
    providerId: "las",
    api: apis[i % apis.length]!,
    consumerReferenceId: null,
    providerReferenceId: `held-${i}`,
    scopes: ["eduv.student.basic"],
    reason: "durability test withdrawal",
    actor: "durability-test",
  });
  if (row !== "open") withdrawn.push(row.providerReferenceId!);
}
say({ stored, withdrawn });

if (process.env.LDB_TEST_HOLD === "1") {
  setInterval(() => {}, 60_000);
} else {
  const gate = process.env.LDB_TEST_GATE;
  if (gate) {
    say({ ready: true });
    while (!existsSync(gate)) await new Promise((r) => setTimeout(r, 20));
  }
  const worker = await startConsentWorkerFromEnv();
  process.once("SIGTERM", async () => {
    await worker?.stop();
    await store.close();
    say({ stopped: true });
    process.exit(0);
  });
  // Only now: the test stops this process as soon as it reads this line.
  say({ worker: !!worker, pid: process.pid });
}
