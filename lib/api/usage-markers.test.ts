import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getStore } from "@/lib/db/client";
import { sessions, users } from "@/lib/db/auth-schema";
import { accessLog } from "@/lib/db/schema";
import { CSRF_HEADER } from "./route";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

// Marker values: if any of them shows up in a log line or an answer's URL, a person's data leaked.
const ECK = `https://ketenid.nl/201703/${"c0ffee".repeat(21)}aa`;
const NAME = "Markeringsnaam";
const SCHOOL = "meridiaan-college";
const BASE = "http://localhost:3000";

beforeAll(async () => {
  const { db } = await getStore();
  await db.insert(users).values({ id: "sup", email: "sup@school.example", idpRoles: [`support:${SCHOOL}`] });
  await db.insert(sessions).values({ sessionToken: "tok-sup", userId: "sup", expires: new Date(Date.now() + 3_600_000) });
});

afterEach(() => vi.restoreAllMocks());

function capture() {
  const lines: string[] = [];
  for (const method of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  const write = (chunk: unknown) => (lines.push(String(chunk)), true);
  vi.spyOn(process.stdout, "write").mockImplementation(write as never);
  vi.spyOn(process.stderr, "write").mockImplementation(write as never);
  return lines;
}

const post = async (path: string, body: unknown) => {
  const { POST } = (await import(`@/app${path}/route`)) as { POST: (r: Request) => Promise<Response> };
  return POST(
    new Request(`${BASE}${path}`, {
      method: "POST",
      headers: { cookie: "ldb.session=tok-sup", [CSRF_HEADER]: "1", origin: BASE, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
};

describe("licence usage flows leave no identifier or name in a log line (Sources down: the error paths)", () => {
  it("a typed ECK iD: answered per Source, logged as a hash only", async () => {
    const lines = capture();
    const res = await post("/api/usage", { identifier: { type: "eckId", value: ECK } });
    vi.restoreAllMocks();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { registries: Array<{ status: string }> };
    expect(body.registries.length).toBeGreaterThan(1);
    expect(body.registries.every((r) => r.status !== "ok")).toBe(true);
    expect(lines.join("\n")).not.toContain(ECK.slice(-30));
    const { db } = await getStore();
    const rows = await db.select().from(accessLog);
    expect(rows.at(-1)).toMatchObject({ dataKind: "usage", action: "lookup", personCount: 1 });
    expect(JSON.stringify(rows)).not.toContain(ECK.slice(-30));
    expect(rows.at(-1)!.personHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a name search and a diagnosis: clear errors, nothing of the input in a log line", async () => {
    const lines = capture();
    const search = await post("/api/usage/people", { q: NAME });
    const diagnosis = await post("/api/usage/diagnose", { identifier: { type: "eckId", value: ECK }, productId: "9789001001013" });
    vi.restoreAllMocks();
    expect(search.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(await search.json())).not.toContain(NAME);
    expect(diagnosis.status).toBe(200);
    const text = ((await diagnosis.json()) as { text: string }).text;
    expect(text).not.toContain(ECK.slice(-30));
    const all = lines.join("\n");
    expect(all).not.toContain(NAME);
    expect(all).not.toContain(ECK.slice(-30));
  });
});
