import { afterEach, describe, expect, it, vi } from "vitest";
import {
  DATA_QUALITY_ACTORS,
  DATA_QUALITY_CHECK_IDS,
  LICENCE_CHECK_IDS,
  dataQualityExport,
  dataQualityList,
  dataQualityScan,
  dataQualityScanCancel,
  dataQualityScanStart,
} from "@/lib/contracts/data-quality";
import { dataQualityMassChangeAccept } from "@/lib/contracts/mass-change";
import en from "@/lib/i18n/messages/en.json";
import nl from "@/lib/i18n/messages/nl.json";
import { ACTORS, CHECK_IDS, acceptMassChange, cancelScan, dataQualityEndpoints, dataQualityUrl, fetchScan, startScan } from "./queries";

afterEach(() => vi.unstubAllGlobals());

// The browser names the endpoints, the checks and the actors without importing the contract's values (zod stays out of its bundle): held to them here.
describe("the Datakwaliteit page's requests", () => {
  it("name each endpoint's method and path as its contract does", () => {
    expect(dataQualityEndpoints).toEqual({
      list: { method: dataQualityList.method, path: dataQualityList.path },
      export: { method: dataQualityExport.method, path: dataQualityExport.path },
      scan: { method: dataQualityScan.method, path: dataQualityScan.path },
      scanStart: { method: dataQualityScanStart.method, path: dataQualityScanStart.path },
      scanCancel: { method: dataQualityScanCancel.method, path: dataQualityScanCancel.path },
      massChangeAccept: { method: dataQualityMassChangeAccept.method, path: dataQualityMassChangeAccept.path },
    });
  });

  it("know every check and every actor, in the contract's order", () => {
    expect(CHECK_IDS).toEqual([...DATA_QUALITY_CHECK_IDS]);
    expect(ACTORS).toEqual([...DATA_QUALITY_ACTORS]);
  });

  it("send the export exactly the body its contract asks for", () => {
    for (const check of [...CHECK_IDS, ...LICENCE_CHECK_IDS]) expect(dataQualityExport.body!.safeParse({ check }).success).toBe(true);
    expect(dataQualityExport.body!.safeParse({ check: "no_eck", school: "x" }).success).toBe(false);
  });

  it("address the school's answer, and with refresh=1 a fresh one (the refresh button's), as the contract's query allows", () => {
    expect(dataQualityUrl(dataQualityEndpoints.list.path, "sg-de-horizon")).toBe("/api/data-quality?school=sg-de-horizon");
    expect(dataQualityUrl(dataQualityEndpoints.list.path, "sg-de-horizon", { refresh: "1" })).toBe(
      "/api/data-quality?school=sg-de-horizon&refresh=1",
    );
    expect(dataQualityList.query!.safeParse({ refresh: "1" }).success).toBe(true);
  });

  it("have words for every check and every actor in both languages, the licence scan's too", () => {
    for (const messages of [nl, en]) {
      const words = messages.dataQuality;
      for (const id of [...CHECK_IDS, ...LICENCE_CHECK_IDS]) {
        const check = words.checks[id];
        expect([check.name, check.meaning, check.action, check.detail].every((w) => w.length > 0)).toBe(true);
      }
      for (const actor of ACTORS) expect(words.actor[actor] && words.actorStep[actor]).toBeTruthy();
      for (const actor of ACTORS) expect(words.scan.actor[actor] && words.scan.actorStep[actor]).toBeTruthy();
    }
  });

  it("poll the scan in the background, and start and stop it with the CSRF header and the empty body the contracts ask for", async () => {
    const calls: Array<{ url: string; init?: RequestInit }> = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push({ url, init });
        return new Response(JSON.stringify({ scan: null }), { headers: { "content-type": "application/json" } });
      }),
    );
    await fetchScan("sg-de-horizon");
    await startScan("sg-de-horizon");
    await cancelScan("sg-de-horizon");
    expect(calls.map((c) => `${c.init?.method ?? "GET"} ${c.url}`)).toEqual([
      "GET /api/data-quality/scan?school=sg-de-horizon",
      "POST /api/data-quality/scan?school=sg-de-horizon",
      "POST /api/data-quality/scan/cancel?school=sg-de-horizon",
    ]);
    expect((calls[0]!.init!.headers as Record<string, string>)["x-ldb-background"]).toBe("1");
    for (const [c, contract] of [
      [calls[1]!, dataQualityScanStart],
      [calls[2]!, dataQualityScanCancel],
    ] as const) {
      expect((c.init!.headers as Record<string, string>)["x-ldb-csrf"]).toBe("1");
      expect(contract.body!.safeParse(JSON.parse(String(c.init!.body))).success).toBe(true);
    }
  });

  it("accept a mass change with the CSRF header and the body its contract asks for: the list and the count shown", async () => {
    const calls: Array<{ url: string; init?: RequestInit }> = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push({ url, init });
        return new Response(JSON.stringify({ accepted: true }), { headers: { "content-type": "application/json" } });
      }),
    );
    await acceptMassChange("obs-de-regenboog", { list: "enrollments", now: 310 });
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual(["POST /api/data-quality/mass-change/accept?school=obs-de-regenboog"]);
    expect((calls[0]!.init!.headers as Record<string, string>)["x-ldb-csrf"]).toBe("1");
    const body: unknown = JSON.parse(String(calls[0]!.init!.body));
    expect(body).toEqual({ list: "enrollments", now: 310 });
    expect(dataQualityMassChangeAccept.body!.safeParse(body).success).toBe(true);
  });
});
