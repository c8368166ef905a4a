import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const POLLING_PROVIDERS = ["lr-a", "lr-b"] as const;
export type PollingProvider = (typeof POLLING_PROVIDERS)[number];

/**
 * The demo's sources with both Licentieregistraties as polling Providers of consent, their public
 * keys served by a real HTTP server (the token endpoint fetches a Provider's jwks_uri), the sources
 * file written aside and named in EDUV_SOURCES_FILE. Call before importing a route; `close` at the end.
 */
export async function pollingProviders(publicKeys: (id: PollingProvider) => object[]): Promise<{ close: () => Promise<void> }> {
  const jwks = createServer((req, res) => {
    const id = POLLING_PROVIDERS.find((p) => req.url?.endsWith(`/${p}.json`));
    res.writeHead(id ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify({ keys: id ? publicKeys(id) : [] }));
  });
  const port = await new Promise<number>((r) => jwks.listen(0, "127.0.0.1", () => r((jwks.address() as AddressInfo).port)));
  const demo = JSON.parse(readFileSync("config/sources.demo.json", "utf8"));
  for (const s of demo.sources)
    if ((POLLING_PROVIDERS as readonly string[]).includes(s.id))
      s.consent = { delivery: "poll", jwksUri: `http://127.0.0.1:${port}/${s.id}.json` };
  const file = path.join(tmpdir(), `sources-${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify(demo));
  process.env.EDUV_SOURCES_FILE = file;
  return { close: () => new Promise((done) => jwks.close(() => done())) };
}
