import "server-only";
import { sql } from "drizzle-orm";
import { Client } from "pg";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { processState } from "@/lib/process-state";
import { announceAllConsentChanged, announceConsentChange } from "@/lib/sources/answer-cache";

/**
 * Consent changes across instances. The instance that records a change (a polled or pushed
 * status, or the school's withdrawal) empties its own caches at once and tells the others through PostgreSQL NOTIFY; every instance keeps one
 * connection of its own LISTENing and empties its caches on each notification. While that
 * connection is down notifications are lost, so each (re)connection empties every cache first.
 * On PGlite there is one process, and the in-process announcement is all there is.
 */
export const CONSENT_CHANNEL = "ldb_consent_changed";

/** Records a change for every instance: this process's caches now, the others' through NOTIFY. */
export async function publishConsentChange(db: Db, sourceId: string, schoolId: string): Promise<void> {
  announceConsentChange(sourceId, schoolId);
  try {
    // Source and school ids are configuration, never personal data. On PGlite nobody listens: harmless.
    await db.execute(sql`SELECT pg_notify(${CONSENT_CHANNEL}, ${JSON.stringify({ sourceId, schoolId })})`);
  } catch (err) {
    // The change itself is recorded; the other instances' caches then keep it until their TTL.
    log().error({ err, sourceId, schoolId }, "consent change not announced to other instances");
  }
}

function parseChange(payload: string | undefined): { sourceId: string; schoolId: string } | undefined {
  try {
    const v = JSON.parse(payload ?? "") as { sourceId?: unknown; schoolId?: unknown };
    return typeof v.sourceId === "string" && typeof v.schoolId === "string" ? { sourceId: v.sourceId, schoolId: v.schoolId } : undefined;
  } catch {
    return undefined;
  }
}

export type ListenerOptions = {
  databaseUrl: string;
  /** First wait before reconnecting; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  /** A query this often proves the connection alive (a silent half-open TCP link would hear nothing). */
  heartbeatMs?: number;
};

export type ConsentChangeListener = { stop(): Promise<void>; connections(): number };

/** Listens until stopped, reconnecting with backoff; `connections()` counts successful (re)connections. */
export function startConsentChangeListener(opts: ListenerOptions): ConsentChangeListener {
  const retryMs = opts.retryMs ?? 250;
  const maxRetryMs = opts.maxRetryMs ?? 5_000;
  let stopped = false;
  let client: Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let wait = retryMs;
  let connections = 0;
  let failing = false;

  const again = () => {
    if (stopped || timer) return;
    clearInterval(heartbeat);
    client?.removeAllListeners();
    client?.on("error", () => {}); // a late error of the dropped client must not crash the process
    void client?.end().catch(() => {});
    client = undefined;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, wait);
    timer.unref();
    wait = Math.min(wait * 2, maxRetryMs);
  };

  async function connect() {
    const c = new Client({ connectionString: opts.databaseUrl, application_name: "ldb-consent-listener", keepAlive: true });
    client = c;
    c.on("error", again);
    c.on("end", again);
    c.on("notification", (n) => {
      const change = n.channel === CONSENT_CHANNEL ? parseChange(n.payload) : undefined;
      if (change) announceConsentChange(change.sourceId, change.schoolId);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CONSENT_CHANNEL}`);
      if (stopped) return void c.end().catch(() => {});
      // Whatever changed while we were not listening went unheard.
      announceAllConsentChanged();
      connections++;
      wait = retryMs;
      if (failing) log().info("consent change listener: listening again");
      failing = false;
      heartbeat = setInterval(() => void c.query("SELECT 1").catch(again), opts.heartbeatMs ?? 30_000);
      heartbeat.unref();
    } catch (err) {
      if (!failing) log().error({ err }, "consent change listener: cannot listen; caches empty themselves by their TTL until it can");
      failing = true;
      if (client === c) again();
    }
  }
  void connect();

  return {
    connections: () => connections,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      const c = client;
      client = undefined;
      c?.removeAllListeners();
      c?.on("error", () => {});
      await c?.end().catch(() => {});
    },
  };
}

const listenerHolder = () =>
  processState(
    {
      key: "connection.consent-changes",
      kind: "connection",
      what: "the LISTEN connection that hears other instances' consent changes",
      cap: "one PostgreSQL connection",
    },
    () => ({ listener: undefined as ConsentChangeListener | undefined }),
  );

/** The process's listener, on DATABASE_URL (the application's role: LISTEN needs no grant); none on PGlite. */
export function startConsentChangeListenerFromEnv(env: NodeJS.ProcessEnv = process.env): ConsentChangeListener | undefined {
  if (!env.DATABASE_URL) return undefined;
  const holder = listenerHolder();
  holder.listener ??= startConsentChangeListener({ databaseUrl: env.DATABASE_URL });
  return holder.listener;
}
