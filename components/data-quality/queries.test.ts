import { afterEach, describe, expect, it, vi } from "vitest";
import { DATA_QUALITY_ACTORS, DATA_QUALITY_CHECK_IDS, dataQualityExport, dataQualityList } from "@/lib/contracts/data-quality";
import en from "@/lib/i18n/messages/en.json";
import nl from "@/lib/i18n/messages/nl.json";
import { ACTORS, CHECK_IDS, dataQualityEndpoints, fetchDataQuality } from "./queries";

afterEach(() => vi.unstubAllGlobals());

// The browser names the endpoints, the checks and the actors without importing the contract's values (zod stays out of its bundle): held to them here.
describe("the Datakwaliteit page's requests", () => {
  it("name each endpoint's method and path as its contract does", () => {
    expect(dataQualityEndpoints).toEqual({
      list: { method: dataQualityList.method, path: dataQualityList.path },
      export: { method: dataQualityExport.method, path: dataQualityExport.path },
    });
  });

  it("know every check and every actor, in the contract's order", () => {
    expect(CHECK_IDS).toEqual([...DATA_QUALITY_CHECK_IDS]);
    expect(ACTORS).toEqual([...DATA_QUALITY_ACTORS]);
  });

  it("send the export exactly the body its contract asks for", () => {
    for (const check of CHECK_IDS) expect(dataQualityExport.body!.safeParse({ check }).success).toBe(true);
    expect(dataQualityExport.body!.safeParse({ check: "no_eck", school: "x" }).success).toBe(false);
  });

  it("ask for the school's answer, and with refresh=1 for a fresh one, as the contract's query allows", async () => {
    const urls: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        urls.push(url);
        return new Response("{}", { headers: { "content-type": "application/json" } });
      }),
    );
    await fetchDataQuality("sg-de-horizon");
    await fetchDataQuality("sg-de-horizon", true);
    expect(urls).toEqual(["/api/data-quality?school=sg-de-horizon", "/api/data-quality?school=sg-de-horizon&refresh=1"]);
    expect(dataQualityList.query!.safeParse({ refresh: "1" }).success).toBe(true);
  });

  it("have words for every check and every actor in both languages", () => {
    for (const messages of [nl, en]) {
      const words = messages.dataQuality;
      for (const id of CHECK_IDS) {
        const check = words.checks[id];
        expect([check.name, check.meaning, check.action, check.detail].every((w) => w.length > 0)).toBe(true);
      }
      for (const actor of ACTORS) expect(words.actor[actor] && words.actorStep[actor]).toBeTruthy();
    }
  });
});
