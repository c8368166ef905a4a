import { beforeAll, describe, expect, it, vi } from "vitest";
import { signedInAs, staffOf } from "@/lib/api/testing/staff";
import { GET as overviewRoute, POST as create } from "@/app/api/consent/route";
import { listQueryOf, readListParams } from "@/components/consent/list-filters";
import { readForPage } from "@/lib/api/page-read";
import { CSRF_HEADER, invalid } from "@/lib/api/route";
import { overviewQuery, readConsentOverview } from "./overview-read";

vi.hoisted(() => {
  process.env.PGLITE_DIR = "memory://";
  process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
});

/**
 * The Toestemming page reads its first answer on the server (app/toestemming/page.tsx): the URL's
 * list filters read as the browser reads them, parsed by the route's query schema, and read through
 * readForPage and the same read as GET /api/consent. The same answer for the same filters, and a
 * filter the route refuses as the route's 400.
 */
const BASE = "http://localhost:3000";
const HORIZON = "sg-de-horizon";

beforeAll(async () => {
  await signedInAs("cm", "r.vandijk@sgdehorizon.example", [`consent:${HORIZON}`]);
  const res = await create(
    new Request(`${BASE}/api/consent?school=${HORIZON}`, {
      method: "POST",
      headers: {
        cookie: "ldb.session=tok-cm",
        [CSRF_HEADER]: "1",
        origin: BASE,
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
      },
      body: JSON.stringify({ providerId: "las-b", api: "students-api", scopes: ["eduv.student.basic"], send: false }),
    }),
  );
  expect(res.status).toBe(201);
});

const staff = () => staffOf("cm");
const fromRoute = (params: Record<string, string>, lang?: "en") =>
  overviewRoute(
    new Request(`${BASE}/api/consent?${new URLSearchParams({ school: HORIZON, ...params })}`, {
      headers: { cookie: `ldb.session=tok-cm${lang ? "; ldb.lang=en" : ""}` },
    }),
  );
/** The page's query for its URL's parameters, as app/toestemming/page.tsx reads it. */
const pageQuery = (params: Record<string, string>) => overviewQuery.safeParse(listQueryOf(readListParams(params)));

describe("the Toestemming page's overview, read on the server", () => {
  it.each([
    [{}, "nl"],
    [{ api: "students-api", status: "concept", since: "2020-01-01" }, "nl"],
    [{ provider: "las-b" }, "en"],
    [{ status: "confirmed" }, "nl"],
  ] as const)("is the route's answer for the same filters (%o, %s)", async (params, lang) => {
    const res = await fromRoute(params, lang === "en" ? "en" : undefined);
    expect(res.status).toBe(200);
    const query = pageQuery(params);
    expect(query.success).toBe(true);
    const read = await readForPage({ staff: await staff(), schoolId: HORIZON, lang }, () =>
      readConsentOverview(HORIZON, query.data!, lang),
    );
    expect(read.ok && JSON.parse(JSON.stringify(read.value))).toEqual(await res.json());
  });

  it("holds the concept made here, and an empty list where the filters leave nothing", async () => {
    const all = (await (await fromRoute({})).json()) as { requests: unknown[] };
    const none = (await (await fromRoute({ status: "confirmed" })).json()) as { requests: unknown[] };
    expect(all.requests).toHaveLength(1);
    expect(none.requests).toHaveLength(0);
  });

  it("says a filter the route refuses (made by hand in the URL) as the route's 400", async () => {
    const params = { status: "bogus", api: "students-api" };
    const res = await fromRoute(params);
    expect(res.status).toBe(400);
    const query = pageQuery(params);
    expect(query.success).toBe(false);
    const refused = invalid(query.error!, "query", "nl");
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual(await res.json());
  });
});
