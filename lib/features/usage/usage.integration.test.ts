import { describe, expect, it } from "vitest";
import { entitlementsFor } from "@/sandbox/data/usage";
import { subjectOfferingId } from "@/sandbox/data/generate";
import { coverageOf } from "../coverage/coverage";
import { fanOut, pupilsOf } from "../coverage/group";
import { startSandbox } from "@/lib/sources/testing/sandbox-harness";
import { lookupUsage } from "./usage";

// The lists' mass-change guard keeps its counts in the store (lib/features/mass-change): an in-memory one here.
process.env.PGLITE_DIR = "memory://";

/** Licence usage and class coverage against the sandbox's Licentieregistraties over real HTTP. */
const h = startSandbox();

describe("licence usage across the school's Licentieregistraties (issue 5)", () => {
  const today = "2026-03-02";
  const stats = async () =>
    (await (await h.sandbox.app.request("/_admin/stats")).json()) as Record<string, { calls: number; maxInFlight: number }>;

  it("merges both registries' answers and names the Aanspraakmanager's 405, per Source", async () => {
    const { client } = h.newClient();
    const data = h.sandbox.state.school("900B201").data;
    // A pupil both registries know: the expectation is computed from the sandbox's own generator.
    const pupil = data.pupils.find((p) => entitlementsFor(h.sandbox.state.seed, "lr-b", data.school, { pupil: p }).length > 0)!;
    const expected = (["lr-a", "lr-b"] as const).flatMap((r) => entitlementsFor(h.sandbox.state.seed, r, data.school, { pupil }));
    const answer = await lookupUsage(
      client,
      h.config.schools.find((s) => s.id === "meridiaan")!,
      { userMasterIdentifier: pupil.eck },
      { refresh: true },
    );
    expect(answer.registries.map((r) => [r.sourceId, r.status])).toEqual([
      ["lr-a", "ok"],
      ["lr-b", "ok"],
      ["am", "method_not_allowed"],
    ]);
    expect(answer.entitlements.map((e) => e.entitlementId).sort()).toEqual(expected.map((e) => e.entitlementId).sort());
    expect(answer.totals.licensed).toBe(expected.filter((e) => e.entitlementStatus === "licensed").length);
    expect(answer.entitlements.find((e) => e.sourceId === "lr-b")?.sourceName).toBe("lr-b");
  });

  it("a person a registry does not know is an answer (404), not an error", async () => {
    const { client } = h.newClient();
    const data = h.sandbox.state.school("900B201").data;
    const pupil = data.pupils.find((p) => entitlementsFor(h.sandbox.state.seed, "lr-b", data.school, { pupil: p }).length === 0)!;
    const answer = await lookupUsage(
      client,
      h.config.schools.find((s) => s.id === "meridiaan")!,
      { userMasterIdentifier: pupil.eck },
      { refresh: true },
    );
    expect(answer.registries.find((r) => r.sourceId === "lr-b")).toMatchObject({ status: "unknown_user", entitlements: [] });
  });

  it("covers a class with at most maxConcurrentCalls at each registry, asks the Aanspraakmanager once, and counts what the sandbox holds", async () => {
    await h.sandbox.app.request("/_admin/reset", { method: "POST" });
    h.sandbox.state.knobs.set("lr-a", { latencyMs: 15 });
    h.sandbox.state.knobs.set("lr-b", { latencyMs: 15 });
    const { client } = h.newClient();
    const school = h.config.schools.find((s) => s.id === "meridiaan")!;
    const data = h.sandbox.state.school("900B201").data;
    const className = data.pupils[0]!.className;
    const offering = subjectOfferingId(data.school, "ne", className);
    const pupils = await pupilsOf(client, school, { subjectOfferingId: offering }, today);
    const inClass = data.pupils.filter((p) => p.className === className);
    expect(pupils).toHaveLength(inClass.length);
    const progress: number[] = [];
    const results = await fanOut(client, school, pupils, { refresh: true, onProgress: (done) => progress.push(done) });
    expect(progress.at(-1)).toBe(inClass.length);
    const seen = await stats();
    expect(seen["lr-a"]!.maxInFlight).toBeLessThanOrEqual(3);
    expect(seen["lr-b"]!.maxInFlight).toBeLessThanOrEqual(3);
    expect(seen["am"]!.calls).toBe(1); // the 405 holds for the whole school: asked once, not per pupil
    const coverage = coverageOf(results, today);
    expect(coverage.refusals).toEqual([expect.objectContaining({ sourceId: "am", status: "method_not_allowed" })]);
    // Expected from the generator: per product, current pupils with a licensed, unexpired entitlement.
    const current = inClass.filter((p) => !p.leaver); // leavers' enrollments ended on 2026-01-05
    expect(current.length).toBeLessThan(inClass.length + 1);
    for (const product of coverage.products) {
      const licensed = current.filter((p) =>
        (["lr-a", "lr-b"] as const).some((r) =>
          entitlementsFor(h.sandbox.state.seed, r, data.school, { pupil: p }).some(
            (e) => e.productId === product.productId && e.entitlementStatus === "licensed",
          ),
        ),
      ).length;
      expect([product.productId, product.licensed, product.licensed + product.without]).toEqual([
        product.productId,
        licensed,
        current.length,
      ]);
    }
    expect(coverage.pupils).toBe(current.length);
  });

  it("cancelling a coverage stops further calls", async () => {
    await h.sandbox.app.request("/_admin/reset", { method: "POST" });
    h.sandbox.state.knobs.set("lr-a", { latencyMs: 40 });
    h.sandbox.state.knobs.set("lr-b", { latencyMs: 40 });
    const { client } = h.newClient();
    const school = h.config.schools.find((s) => s.id === "meridiaan")!;
    const data = h.sandbox.state.school("900B201").data;
    const pupils = await pupilsOf(
      client,
      school,
      { studyOfferingId: data.enrollments.find((e) => e.enrollmentType === "study")!.study as string },
      today,
    );
    const abort = new AbortController();
    const run = fanOut(client, school, pupils, { refresh: true, signal: abort.signal, onProgress: (done) => done === 6 && abort.abort() });
    await expect(run).rejects.toBeDefined();
    // Calls already on their way still arrive; after that, nothing more. Counted once no call came for
    // 300 ms (on a loaded machine the last ones may take a while): a fan-out that went on would have
    // gone through all its pupils by then, far past the bound.
    let after = -1;
    for (let now = (await stats())["lr-a"]!.calls; now !== after; now = (await stats())["lr-a"]!.calls) {
      after = now;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(after).toBeLessThanOrEqual(6 + 3); // the pupils done plus at most the registry's limit in flight
    expect(pupils.length).toBeGreaterThan(20);
  });
});
