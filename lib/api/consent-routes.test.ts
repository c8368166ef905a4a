import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as history } from "@/app/api/consent/history/route";
import { GET as overview, POST as create } from "@/app/api/consent/route";
import { POST as send } from "@/app/api/consent/send/route";
import type { ConsentOverview, HistoryLine } from "@/lib/features/consent/overview";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { consentHistory } from "@/lib/db/consent";
import { consentRequests } from "@/lib/db/schema";
import { CSRF_HEADER } from "./route";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const BASE = "http://localhost:3000";
const HORIZON = "sg-de-horizon";
const MERIDIAAN = "meridiaan-college";

beforeAll(async () => {
  const { db } = await getStore();
  const people = [
    { id: "cm", email: "r.vandijk@sgdehorizon.example", idpRoles: [`consent:${HORIZON}`, "consent:cbs-de-wegwijzer"] },
    { id: "cm-meridiaan", email: "cm@meridiaan.example", idpRoles: [`consent:${MERIDIAAN}`] },
    { id: "adm", email: "adm@sgdehorizon.example", idpRoles: [`schooladmin:${HORIZON}`, `support:${HORIZON}`, `auditor:${HORIZON}`] },
  ];
  for (const p of people) {
    await db.insert(users).values(p);
    await db.insert(sessions).values({ sessionToken: `tok-${p.id}`, userId: p.id, expires: new Date(Date.now() + 3_600_000) });
  }
});

type Handler = (req: Request) => Promise<Response>;
const get = (handler: Handler, path: string, who: string, lang?: "en") =>
  handler(new Request(`${BASE}${path}`, { headers: { cookie: `ldb.session=tok-${who}${lang ? "; ldb.lang=en" : ""}` } }));
const post = (handler: Handler, path: string, who: string, body: unknown, lang?: "en") =>
  handler(
    new Request(`${BASE}${path}`, {
      method: "POST",
      headers: {
        cookie: `ldb.session=tok-${who}${lang ? "; ldb.lang=en" : ""}`,
        [CSRF_HEADER]: "1",
        origin: BASE,
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    }),
  );
const message = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
const count = async () => (await (await getStore()).db.select().from(consentRequests)).length;

const concept = { providerId: "las-b", api: "students-api", scopes: ["eduv.student.basic"], send: false };

describe("consent routes: only the consent role, only at its own schools", () => {
  it("reads and writes for a consent manager at the school; 403 for other roles and other schools, 401 without a session", async () => {
    expect((await get(overview, `/api/consent?school=${HORIZON}`, "cm")).status).toBe(200);
    expect((await get(overview, `/api/consent?school=${HORIZON}`, "adm")).status).toBe(403);
    expect((await get(overview, `/api/consent?school=${HORIZON}`, "cm-meridiaan")).status).toBe(403);
    expect((await get(overview, `/api/consent?school=${MERIDIAAN}`, "cm")).status).toBe(403);
    expect((await get(overview, `/api/consent?school=${HORIZON}`, "nobody")).status).toBe(401);
    const before = await count();
    expect((await post(create, `/api/consent?school=${HORIZON}`, "adm", concept)).status).toBe(403);
    expect((await post(create, `/api/consent?school=${MERIDIAAN}`, "cm", { ...concept, providerId: "las-b" })).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it("refuses a create without the CSRF header before storing anything", async () => {
    const before = await count();
    const res = await create(
      new Request(`${BASE}/api/consent?school=${HORIZON}`, {
        method: "POST",
        headers: { cookie: "ldb.session=tok-cm", "content-type": "application/json" },
        body: JSON.stringify(concept),
      }),
    );
    expect(res.status).toBe(403);
    expect((await message(res)).code).toBe("csrf");
    expect(await count()).toBe(before);
  });
});

describe("POST /api/consent", () => {
  it("stores a concept, or a queued request, each with a 'created' history line by the staff member", async () => {
    const res = await post(create, `/api/consent?school=${HORIZON}`, "cm", concept);
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const made = (await res.json()) as { consumerReferenceId: string; status: string };
    expect(made.status).toBe("concept");
    expect(made.consumerReferenceId).toMatch(/^[0-9a-f-]{36}$/);
    const queued = (await (
      await post(create, `/api/consent?school=${HORIZON}`, "cm", {
        providerId: "lr-b",
        api: "usage-api",
        scopes: ["eduv.usage.dashboard"],
        send: true,
      })
    ).json()) as { consumerReferenceId: string; status: string };
    expect(queued.status).toBe("queued");
    const { db } = await getStore();
    const [row] = await db.select().from(consentRequests).where(eq(consentRequests.consumerReferenceId, queued.consumerReferenceId));
    expect(row).toMatchObject({
      schoolId: HORIZON,
      providerId: "lr-b",
      delivery: "poll",
      status: "queued",
      createdBy: "r.vandijk@sgdehorizon.example",
    });
    expect((await consentHistory(db, made.consumerReferenceId)).map((e) => [e.actor, e.event, e.detail])).toEqual([
      ["r.vandijk@sgdehorizon.example", "created", "concept"],
    ]);
  });

  it("extra scopes without a reason: 400 in the user's language, nothing stored", async () => {
    const before = await count();
    const extra = { ...concept, scopes: ["eduv.student.basic", "eduv.student.demographics"] };
    const dutch = await post(create, `/api/consent?school=${HORIZON}`, "cm", extra);
    expect(dutch.status).toBe(400);
    expect(await message(dutch)).toEqual({
      code: "invalid_input",
      message:
        "De invoer is onjuist. Extra gegevens (eduv.student.demographics) vragen om een reden van een paar woorden (minstens 10 tekens).",
    });
    const english = await post(create, `/api/consent?school=${HORIZON}`, "cm", { ...extra, reason: "age" }, "en");
    expect((await message(english)).message).toBe(
      "The input is invalid. Extra scopes (eduv.student.demographics) need a reason of a few words (at least 10 characters).",
    );
    expect(await count()).toBe(before);
    const withReason = await post(create, `/api/consent?school=${HORIZON}`, "cm", { ...extra, reason: "Leeftijd voor de leesmethode" });
    expect(withReason.status).toBe(201);
  });

  it("a Provider not offered at the school, an API it does not offer, a needed scope left out: 400, nothing stored", async () => {
    const before = await count();
    const cases: Array<[unknown, string]> = [
      [{ ...concept, providerId: "las-a" }, "neemt voor deze school geen toestemmingsverzoeken aan"],
      [{ ...concept, providerId: "lr-a" }, "levert de gegevensdienst students-api niet"],
      [{ ...concept, scopes: [] }, "moeten in het verzoek staan: eduv.student.basic"],
      [{ ...concept, scopes: ["eduv.student.basic", "eduv.student.deliveryaddress"] }, "kan het dashboard niet vragen"],
      [{ ...concept, api: "nonsense-api" }, "body.api"],
      [{ ...concept, send: "yes" }, "body.send"],
    ];
    for (const [body, expected] of cases) {
      const res = await post(create, `/api/consent?school=${HORIZON}`, "cm", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await message(res)).message).toContain(expected);
    }
    expect(await count()).toBe(before);
  });
});

describe("POST /api/consent/send and GET /api/consent/history", () => {
  const newConcept = async () =>
    ((await (await post(create, `/api/consent?school=${HORIZON}`, "cm", concept)).json()) as { consumerReferenceId: string })
      .consumerReferenceId;

  it("releases a concept once: 409 the second time; 404 for another school's request", async () => {
    const id = await newConcept();
    const elsewhere = await post(send, `/api/consent/send?school=${MERIDIAAN}`, "cm-meridiaan", { consumerReferenceId: id });
    expect(elsewhere.status).toBe(404);
    expect((await message(elsewhere)).code).toBe("not_found");
    // Also at another school of one's own: the request belongs to De Horizon.
    expect((await post(send, "/api/consent/send?school=cbs-de-wegwijzer", "cm", { consumerReferenceId: id })).status).toBe(404);
    const first = await post(send, `/api/consent/send?school=${HORIZON}`, "cm", { consumerReferenceId: id });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ consumerReferenceId: id, status: "queued" });
    const second = await post(send, `/api/consent/send?school=${HORIZON}`, "cm", { consumerReferenceId: id }, "en");
    expect(second.status).toBe(409);
    expect(await message(second)).toEqual({
      code: "conflict",
      message: "This request is neither a draft nor refused: it has already been released for sending.",
    });
    expect((await post(send, `/api/consent/send?school=${HORIZON}`, "adm", { consumerReferenceId: id })).status).toBe(403);
  });

  it("the history of the school's own request; 404 for another school's", async () => {
    const id = await newConcept();
    await post(send, `/api/consent/send?school=${HORIZON}`, "cm", { consumerReferenceId: id });
    const res = await get(history, `/api/consent/history?school=${HORIZON}&id=${id}`, "cm");
    expect(res.status).toBe(200);
    const lines = ((await res.json()) as { history: HistoryLine[] }).history;
    expect(lines.map((l) => [l.actor, l.event])).toEqual([
      ["r.vandijk@sgdehorizon.example", "created"],
      ["r.vandijk@sgdehorizon.example", "queued"],
    ]);
    expect(Date.parse(lines[0]!.at)).not.toBeNaN();
    expect((await get(history, `/api/consent/history?school=cbs-de-wegwijzer&id=${id}`, "cm")).status).toBe(404);
    expect((await get(history, `/api/consent/history?school=${MERIDIAAN}&id=${id}`, "cm-meridiaan")).status).toBe(404);
    expect((await get(history, `/api/consent/history?school=${HORIZON}`, "cm")).status).toBe(400);
  });
});

describe("GET /api/consent", () => {
  it("the school's requests with extras and reason, the matrix and the Provider options", async () => {
    await post(create, `/api/consent?school=${HORIZON}`, "cm", {
      ...concept,
      scopes: ["eduv.student.basic", "eduv.student.communication"],
      reason: "Inlogmail voor de leesapp",
    });
    const res = await get(overview, `/api/consent?school=${HORIZON}&api=students-api&status=concept`, "cm");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as ConsentOverview;
    expect(body.requests.length).toBeGreaterThan(0);
    expect(body.requests.every((r) => r.api === "students-api" && r.status === "concept")).toBe(true);
    expect(body.requests[0]).toMatchObject({
      providerId: "las-b",
      providerName: "Leerlingadministratie Beta",
      extraScopes: ["eduv.student.communication"],
      reason: "Inlogmail voor de leesapp",
      delivery: "put",
      attempts: 0,
      lastError: null,
      providerReferenceId: null,
    });
    expect(body.matrix.apis).toEqual(["students-api", "association-api", "usage-api"]);
    expect(body.matrix.rows.map((r) => r.providerName)).toEqual([
      "Leerlingadministratie Beta",
      "Licentieregistratie Uitgeverij Meridiaan",
      "Licentieregistratie Uitgeverij Kompas",
    ]);
    expect(body.providers.find((p) => p.id === "las-b")!.apis.find((a) => a.api === "students-api")).toMatchObject({
      needed: ["eduv.student.basic"],
    });
    expect(body.providers.find((p) => p.id === "las-b")!.apis.find((a) => a.api === "students-api")!.extra).not.toContain(
      "eduv.student.deliveryaddress",
    );
  });

  it("since: a day or an RFC 3339 date-time; anything else is a clear 400", async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const future = (await (await get(overview, `/api/consent?school=${HORIZON}&since=${tomorrow}`, "cm")).json()) as ConsentOverview;
    expect(future.requests).toEqual([]);
    expect(future.matrix.rows.some((r) => r.cells.some((c) => c.request))).toBe(true);
    const hourAgo = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
    expect(
      ((await (await get(overview, `/api/consent?school=${HORIZON}&since=${hourAgo}`, "cm")).json()) as ConsentOverview).requests.length,
    ).toBeGreaterThan(0);
    for (const bad of ["2026-02-30", "gisteren", "2026-11-24T10:00"]) {
      const res = await get(overview, `/api/consent?school=${HORIZON}&since=${bad}`, "cm");
      expect(res.status).toBe(400);
      expect((await message(res)).message).toContain("query.since: use a day (yyyy-mm-dd");
    }
    expect((await get(overview, `/api/consent?school=${HORIZON}&status=accepted`, "cm")).status).toBe(400);
  });
});
