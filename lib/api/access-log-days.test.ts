import { beforeAll, describe, expect, it } from "vitest";
import { GET as accessLogRoute } from "@/app/api/access-log/route";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { accessLog } from "@/lib/db/schema";
import { nextSchoolDay, schoolDayStart } from "@/lib/i18n/format";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const SCHOOL = "obs-de-regenboog";
// 00:30 on 3 March in the Netherlands (CET, UTC+1), still 2 March in UTC; and 23:30 on 1 July (CEST, UTC+2).
const LATE_NIGHT = "2026-03-02T23:30:00.000Z";
const SUMMER_EVENING = "2026-07-01T21:30:00.000Z";

beforeAll(async () => {
  const { db } = await getStore();
  await db.insert(users).values({ id: "aud", email: "aud@school.example", idpRoles: [`auditor:${SCHOOL}`] });
  await db.insert(sessions).values({ sessionToken: "tok-aud", userId: "aud", expires: new Date(Date.now() + 3_600_000) });
  for (const at of [LATE_NIGHT, SUMMER_EVENING])
    await db.insert(accessLog).values({
      at: new Date(at),
      actor: "staff@school.example",
      actorRoles: "schooladmin",
      schoolId: SCHOOL,
      dataKind: "students",
      action: "list",
      personCount: 3,
    });
});

const moments = async (query: string) => {
  const res = await accessLogRoute(
    new Request(`http://localhost:3000/api/access-log?school=${SCHOOL}&${query}`, { headers: { cookie: "ldb.session=tok-aud" } }),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as Array<{ at: string }>).map((r) => r.at).filter((at) => at === LATE_NIGHT || at === SUMMER_EVENING);
};

describe("the access log's day filter reads days as the school lives them (Dutch time)", () => {
  it("a read at 00:30 on 3 March Dutch time is on 3 March, not on 2 March as UTC would have it", async () => {
    expect(await moments("from=2026-03-03&until=2026-03-03")).toEqual([LATE_NIGHT]);
    expect(await moments("from=2026-03-02&until=2026-03-02")).toEqual([]);
  });

  it("in summer time too: 23:30 on 1 July is on 1 July", async () => {
    expect(await moments("from=2026-07-01&until=2026-07-01")).toEqual([SUMMER_EVENING]);
    expect(await moments("from=2026-07-02")).toEqual([]);
  });

  it("a school day begins at Dutch midnight, whichever offset holds then", () => {
    expect(schoolDayStart("2026-03-03").toISOString()).toBe("2026-03-02T23:00:00.000Z");
    expect(schoolDayStart("2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    // The day summer time starts (at 02:00): its midnight is still winter time.
    expect(schoolDayStart("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(schoolDayStart("2026-03-30").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(nextSchoolDay("2026-02-28")).toBe("2026-03-01");
    expect(nextSchoolDay("2026-12-31")).toBe("2027-01-01");
  });
});
