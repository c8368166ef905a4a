import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "@/lib/db/client";
import { createConsentRequest, markConsentSent, recordProviderStatus } from "@/lib/db/consent";
import { claimOne } from "@/lib/db/testing/claim";
import { twoRoleDatabase } from "@/lib/db/testing/two-roles";

/**
 * Answer caches across instances: three dashboard processes on one PostgreSQL server (as the
 * application role, migrated by the owner), each with the students of one school cached. The LAS
 * revokes consent; instance A records it at its next status poll; B must stop serving its cached
 * answer within one status-poll interval of the revocation. C runs without the listener, as a
 * control: it keeps serving from its cache. The times are printed.
 */
const pgUrl = process.env.TEST_DATABASE_URL;
const POLL_MS = 1_000;
const ECK = (n: number) => `https://ketenid.nl/201703/${String(n).padStart(2, "0").repeat(64)}`;

/** The LAS "las" of school obs: students while consent stands, 403/0022 once revoked; its consent statuses. */
function startSource() {
  const state = { revokedAt: undefined as string | undefined, consumerReferenceId: "", studentCalls: 0, statusPolls: [] as number[] };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const send = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    req.resume();
    req.on("end", () => {
      if (req.method === "POST" && url.pathname === "/las/oauth2/token")
        return send(200, {
          access_token: randomBytes(8).toString("hex"),
          token_type: "Bearer",
          expires_in: 300,
          scope: "eduv.student.basic eduv.consent",
        });
      if (url.pathname === "/las/v1/students/school") {
        state.studentCalls++;
        if (state.revokedAt) return send(403, { status: 22, statusMessage: "Geen toestemming" });
        return send(200, [
          { userMasterIdentifier: ECK(1), givenName: "Sem", familyName: "Vries" },
          { userMasterIdentifier: ECK(2), givenName: "Noor", familyName: "Bakker" },
        ]);
      }
      if (url.pathname === "/las/v1/consent/statuses") {
        state.statusPolls.push(Date.now());
        const school = { organisationMasterIdentifier: "900A101" };
        return send(
          200,
          state.revokedAt
            ? [
                {
                  consumerReferenceId: state.consumerReferenceId,
                  providerReferenceId: "las-0001",
                  providerStatus: "revoked",
                  changedAt: state.revokedAt,
                  school,
                  api: "students-api",
                  scopes: ["eduv.student.basic"],
                },
              ]
            : [],
        );
      }
      send(404, {});
    });
  });
  return new Promise<{ base: string; state: typeof state; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        state,
        close: () => {
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      }),
    ),
  );
}

type Instance = { name: string; child: ChildProcess; lines: Array<Record<string, unknown>>; get: () => Promise<Record<string, unknown>> };
const running: ChildProcess[] = [];
const dir = mkdtempSync(path.join(tmpdir(), "ldb-instances-"));
afterAll(() => {
  for (const c of running) if (c.exitCode === null) c.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

function instance(name: string, env: Record<string, string>): Instance {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/sources/testing/instance-process.ts"], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  running.push(child);
  const lines: Array<Record<string, unknown>> = [];
  const waiting = new Map<number, (r: Record<string, unknown>) => void>();
  let buffer = "";
  child.stdout!.on("data", (c: Buffer) => {
    buffer += c.toString();
    for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
      const line = JSON.parse(buffer.slice(0, i)) as Record<string, unknown>;
      buffer = buffer.slice(i + 1);
      lines.push(line);
      if (typeof line.reply === "number") waiting.get(line.reply)?.(line);
    }
  });
  let n = 0;
  return {
    name,
    child,
    lines,
    get: () =>
      new Promise((resolve) => {
        waiting.set(++n, resolve);
        child.stdin!.write(`${JSON.stringify({ get: n })}\n`);
      }),
  };
}

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!pgUrl)("answer caches across instances on one PostgreSQL server", () => {
  it("a revocation recorded by one instance's status poll empties the cached answer in the others within one poll interval", async () => {
    const source = await startSource();
    const roles = await twoRoleDatabase();
    try {
      const keyFile = path.join(dir, "key.pem");
      writeFileSync(keyFile, generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }));
      const sourcesFile = path.join(dir, "sources.json");
      writeFileSync(
        sourcesFile,
        JSON.stringify({
          client: { clientId: "leermiddelendashboard" },
          schools: [{ id: "obs", name: "OBS Test", sector: "PO", organisationMasterIdentifier: "900A101" }],
          sources: [
            {
              id: "las",
              name: "LAS",
              kind: "las",
              baseUrl: `${source.base}/las/v1`,
              tokenEndpoint: `${source.base}/las/oauth2/token`,
              auth: { method: "private_key_jwt" },
              scopes: ["eduv.student.basic", "eduv.consent"],
              apis: ["students", "consent"],
              schools: ["obs"],
            },
          ],
        }),
      );
      const env = {
        DATABASE_URL: roles.appUrl,
        DATABASE_MIGRATION_URL: roles.ownerUrl,
        EDUV_SOURCES_FILE: sourcesFile,
        EDUV_CLIENT_KEY_FILE: keyFile,
        LOG_LEVEL: "info",
        LDB_CONSENT_INTERVAL_MS: "100",
        LDB_CONSENT_STATUS_INTERVAL_MS: String(POLL_MS),
      };

      // Consent at the LAS, confirmed earlier.
      const store = await openStore({ databaseUrl: roles.appUrl, migrationUrl: roles.ownerUrl });
      const request = await createConsentRequest(store.db, {
        schoolId: "obs",
        providerId: "las",
        api: "students-api",
        scopes: ["eduv.student.basic"],
        delivery: "put",
        send: true,
        actor: "test",
      });
      await markConsentSent(store.db, await claimOne(store.db, request.consumerReferenceId), "HTTP 202");
      await recordProviderStatus(store.db, "las", {
        consumerReferenceId: request.consumerReferenceId,
        providerReferenceId: "las-0001",
        providerStatus: "confirmed",
      });
      await store.close();
      source.state.consumerReferenceId = request.consumerReferenceId;

      const a = instance("A", { ...env, LDB_CONSENT_WORKER: "1" });
      const b = instance("B", { ...env, LDB_CONSENT_WORKER: "0" });
      const c = instance("C", { ...env, LDB_CONSENT_WORKER: "0", LDB_TEST_NO_LISTENER: "1" });
      for (const i of [a, b, c]) await until(`${i.name} is ready`, () => i.lines.some((l) => l.ready === true), 120_000);

      // Each instance reads the school's students once from the LAS, and then from its cache.
      for (const i of [a, b, c]) for (let k = 0; k < 3; k++) expect(await i.get()).toMatchObject({ ok: true, rows: 2 });
      expect(source.state.studentCalls).toBe(3);

      const revokedAt = Date.now();
      source.state.revokedAt = new Date(revokedAt).toISOString();
      let stopped: Record<string, unknown> | undefined;
      let reads = 0;
      await until(
        "B stops serving its cached answer",
        async () => {
          reads++;
          const answer = await b.get();
          if (answer.ok) return false;
          stopped = answer;
          return true;
        },
        10 * POLL_MS,
      );
      const stoppedAfter = Date.now() - revokedAt;
      // A's log line reaches the test through its stdout, which may come after B has already heard of the change.
      const recordedLine = () =>
        a.lines.find((l) => l.msg === "consent worker round" && (l.statuses as { recorded?: number } | undefined)?.recorded === 1);
      await until("A's log shows the round that recorded the revocation", () => recordedLine() !== undefined, 10 * POLL_MS).catch(() => {});
      const recorded = recordedLine();
      const recordedAfter = recorded ? Date.parse(recorded.time as string) - revokedAt : NaN;
      const control = await c.get();
      console.log(
        `[instances] status poll every ${POLL_MS} ms (A only); revocation at the LAS → recorded by A ${recordedAfter} ms → B stopped serving its cached answer ${stoppedAfter} ms after the revocation (${stoppedAfter - recordedAfter} ms after A recorded it, ${reads} reads of B); C without the listener still answers from its cache: ${JSON.stringify(control)}`,
      );

      expect(stopped).toMatchObject({ ok: false, error: "consent_missing" });
      expect(recorded).toBeDefined();
      // Within one poll interval of the revocation, in parts that do not stretch with the machine's load:
      // A records it at its first status poll after the revocation (the LAS counts the polls) …
      const recordedAt = revokedAt + recordedAfter;
      expect(source.state.statusPolls.filter((t) => t >= revokedAt && t <= recordedAt)).toHaveLength(1);
      // … and B stops serving its cached answer well before A's next poll: it hears of the change, it does not poll for it.
      expect(stoppedAfter - recordedAfter).toBeLessThan(POLL_MS);
      // As a whole: one poll interval, with a second one as the margin for A's timers on a loaded 2-core machine
      // (quiet, it takes about POLL_MS + 100). Without the listener B never stops within the 10 intervals above.
      expect(stoppedAfter).toBeLessThan(2 * POLL_MS);
      expect(control).toMatchObject({ ok: true, rows: 2 });
      expect(source.state.studentCalls).toBe(4);

      for (const i of [a, b, c]) i.child.kill("SIGTERM");
      await Promise.all([a, b, c].map((i) => new Promise((r) => (i.child.exitCode === null ? i.child.once("exit", r) : r(null)))));
    } finally {
      await source.close();
      await roles.drop();
    }
  }, 300_000);
});
