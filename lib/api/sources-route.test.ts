import { beforeAll, describe, expect, it } from "vitest";
import { GET as getSources } from "@/app/api/sources/route";
import { GET as report } from "@/app/api/sources/contract-report/route";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

/**
 * The Bronnen page's data: only the Sources that serve one of the viewer's schools, and of each
 * only the viewer's schools. In the demo file las-a serves the two PO schools, las-b and am the two
 * VO schools, lr-a and lr-b all four.
 */
const BASE = "http://localhost:3000";
type Probe = { id: string; schools: Array<{ id: string }> };

beforeAll(async () => {
  const { db } = await getStore();
  await db.insert(users).values([
    { id: "po", email: "po@school.example", idpRoles: ["support:obs-de-regenboog"] },
    { id: "vo", email: "vo@school.example", idpRoles: ["auditor:sg-de-horizon"] },
    { id: "both", email: "both@school.example", idpRoles: ["schooladmin:obs-de-regenboog", "consent:meridiaan-college"] },
  ]);
  const expires = new Date(Date.now() + 3_600_000);
  await db.insert(sessions).values(["po", "vo", "both"].map((id) => ({ sessionToken: `tok-${id}`, userId: id, expires })));
});

const list = async (who: string) => {
  const res = await getSources(new Request(`${BASE}/api/sources`, { headers: { cookie: `ldb.session=tok-${who}` } }));
  expect(res.status).toBe(200);
  return ((await res.json()) as Probe[]).map((p) => [p.id, p.schools.map((s) => s.id)]);
};

describe("GET /api/sources lists the viewer's schools' Sources only", () => {
  it("a viewer of one PO school sees las-a, lr-a and lr-b, each with that school only", async () => {
    expect(await list("po")).toEqual([
      ["las-a", ["obs-de-regenboog"]],
      ["lr-a", ["obs-de-regenboog"]],
      ["lr-b", ["obs-de-regenboog"]],
    ]);
  });

  it("a viewer of one VO school sees las-b, lr-a, lr-b and am, not the PO schools' LAS", async () => {
    expect(await list("vo")).toEqual([
      ["las-b", ["sg-de-horizon"]],
      ["lr-a", ["sg-de-horizon"]],
      ["lr-b", ["sg-de-horizon"]],
      ["am", ["sg-de-horizon"]],
    ]);
  });

  it("a viewer with roles at two schools sees the Sources of both, and of each Source only those two schools", async () => {
    expect(await list("both")).toEqual([
      ["las-a", ["obs-de-regenboog"]],
      ["las-b", ["meridiaan-college"]],
      ["lr-a", ["obs-de-regenboog", "meridiaan-college"]],
      ["lr-b", ["obs-de-regenboog", "meridiaan-college"]],
      ["am", ["meridiaan-college"]],
    ]);
  });

  it("the contract report of a Source serving none of the viewer's schools is refused like an unknown one", async () => {
    const get = (who: string, source: string) =>
      report(new Request(`${BASE}/api/sources/contract-report?source=${source}`, { headers: { cookie: `ldb.session=tok-${who}` } }));
    expect((await get("po", "am")).status).toBe(400);
    expect((await get("po", "las-b")).status).toBe(400);
    expect((await get("vo", "am")).status).toBe(200);
    expect((await get("po", "lr-a")).status).toBe(200);
  });
});
