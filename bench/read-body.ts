// npx tsx bench/read-body.ts – reading a 25 MB answer through fetch: the capped stream reader
// (lib/sources/transport/read-body.ts) against res.text(), both from a local server, chunked and with
// Content-Length. Medians of BENCH_RUNS runs taken in turn; the ratio is what counts.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_MAX_ANSWER_BYTES, readBody } from "../lib/sources/transport/read-body";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const record = (i: number) => ({
  userMasterIdentifier: `https://ketenid.nl/201703/${String(i).padStart(128, "0")}`,
  givenName: "Émile",
  familyName: "Vries",
  familyNamePrefix: "de",
});
const records: unknown[] = [];
let payload = "";
for (let i = 0; payload.length < 25_000_000; i += 1000) {
  for (let j = i; j < i + 1000; j++) records.push(record(j));
  payload = JSON.stringify(records);
}
const bytes = Buffer.from(payload);

const server = createServer((req, res) => {
  const chunked = req.url === "/chunked";
  res.writeHead(200, { "content-type": "application/json", ...(chunked ? {} : { "content-length": String(bytes.length) }) });
  if (!chunked) return void res.end(bytes);
  // 64 KiB writes, as a streaming server would send them.
  for (let at = 0; at < bytes.length; at += 65_536) res.write(bytes.subarray(at, at + 65_536));
  res.end();
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(fn: () => Promise<string>): Promise<number> {
  const t = performance.now();
  const text = await fn();
  if (text.length !== payload.length) throw new Error("short read");
  return performance.now() - t;
}

for (const path of ["/length", "/chunked"]) {
  const text = () => fetch(base + path).then((r) => r.text());
  const capped = () =>
    fetch(base + path)
      .then((r) => readBody(r, DEFAULT_MAX_ANSWER_BYTES))
      .then((b) => b.text);
  await time(text);
  await time(capped);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(await time(text));
    b.push(await time(capped));
  }
  const [t, c] = [median(a), median(b)];
  console.log(
    `${(bytes.length / 1e6).toFixed(1)} MB ${path.slice(1).padEnd(8)} res.text() ${t.toFixed(1)} ms   readBody ${c.toFixed(1)} ms   ratio ${(c / t).toFixed(2)}`,
  );
}
server.close();
