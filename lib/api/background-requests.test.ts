import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as overview } from "@/app/api/consent/route";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const MINUTE = 60_000;
beforeAll(async () => {
  const { db } = await getStore();
  await db.insert(users).values({ id: "cm", email: "r.vandijk@sgdehorizon.example", idpRoles: ["consent:sg-de-horizon"] });
  for (const token of ["tok-poll", "tok-click"])
    await db.insert(sessions).values({ sessionToken: token, userId: "cm", expires: new Date(Date.now() + 10 * MINUTE) });
});

const expiresIn = async (token: string) =>
  (await (await getStore()).db.select().from(sessions).where(eq(sessions.sessionToken, token)))[0]!.expires.getTime() - Date.now();
const get = (token: string, background: boolean) =>
  overview(
    new Request("http://localhost:3000/api/consent?school=sg-de-horizon", {
      headers: { cookie: `ldb.session=${token}`, ...(background ? { "x-ldb-background": "1" } : {}) },
    }),
  );

describe("a page's background poll at a BFF route (x-ldb-background: 1)", () => {
  it("is answered but does not push the idle end forward; a request of the person does", async () => {
    expect((await get("tok-poll", true)).status).toBe(200);
    // Still about 10 minutes left: the poll was not activity.
    expect(await expiresIn("tok-poll")).toBeLessThanOrEqual(10 * MINUTE);
    expect((await get("tok-click", false)).status).toBe(200);
    // Slid to the 30-minute idle time (AUTH_IDLE_MINUTES default).
    expect(await expiresIn("tok-click")).toBeGreaterThan(29 * MINUTE);
  });

  it("after the idle end, the poll is refused as unauthenticated (the page then goes to the sign-in)", async () => {
    const { db } = await getStore();
    await db
      .update(sessions)
      .set({ expires: new Date(Date.now() - 1000) })
      .where(eq(sessions.sessionToken, "tok-poll"));
    const res = await get("tok-poll", true);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
  });
});
