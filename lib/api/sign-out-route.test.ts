import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as signOut } from "@/app/api/sign-out/route";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { clearSiteData } from "@/lib/auth/sign-out";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const BASE = "http://localhost:3000";
beforeAll(async () => {
  const { db } = await getStore();
  await db.insert(users).values({ id: "adm", email: "adm@obsderegenboog.example", idpRoles: ["schooladmin:obs-de-regenboog"] });
  await db
    .insert(sessions)
    .values(["s1", "s2", "s3"].map((t) => ({ sessionToken: t, userId: "adm", expires: new Date(Date.now() + 3_600_000) })));
});

const post = (headers: Record<string, string>) => signOut(new Request(`${BASE}/api/sign-out`, { method: "POST", headers }));
const sessionExists = async (token: string) =>
  (await (await getStore()).db.select().from(sessions).where(eq(sessions.sessionToken, token))).length === 1;

describe("POST /api/sign-out", () => {
  it("ends the session on the server and asks the browser to clear its cache, storage and cookies", async () => {
    const res = await post({ cookie: "ldb.session=s1", origin: BASE, "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inloggen?afgemeld=1");
    expect(res.headers.get("clear-site-data")).toBe('"cache", "storage", "cookies"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("set-cookie")).toBe("ldb.session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    expect(await sessionExists("s1")).toBe(false);
    expect(await sessionExists("s2")).toBe(true);
  });

  it("can be done twice, and without a session: the same answer", async () => {
    for (const headers of [{ cookie: "ldb.session=s1", origin: BASE }, { origin: BASE }] as Array<Record<string, string>>) {
      const res = await post(headers);
      expect([res.status, res.headers.get("clear-site-data")]).toEqual([303, '"cache", "storage", "cookies"']);
    }
  });

  it.each([
    ["another site's page (Origin)", { origin: "https://evil.example" }],
    ["another site's page (Sec-Fetch-Site)", { "sec-fetch-site": "cross-site" }],
    ["a sibling subdomain (Sec-Fetch-Site same-site)", { "sec-fetch-site": "same-site", origin: "https://other.localhost:3000" }],
  ])("cannot be forced from %s: 403, the session lives on, nothing is cleared", async (_label, headers) => {
    const res = await post({ cookie: "ldb.session=s2", ...headers });
    expect(res.status).toBe(403);
    expect(res.headers.get("clear-site-data")).toBeNull();
    expect(await sessionExists("s2")).toBe(true);
  });

  it("leaves cookies to the sign-out itself when the domain is shared (LDB_SIGN_OUT_CLEAR_COOKIES=0)", () => {
    expect(clearSiteData({ LDB_SIGN_OUT_CLEAR_COOKIES: "0" })).toBe('"cache", "storage"');
    expect(clearSiteData({})).toBe('"cache", "storage", "cookies"');
  });
});
