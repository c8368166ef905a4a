import { describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit";

/** A write that finishes when the test says so. */
function controlledWrite() {
  const calls: { items: string[]; finish: (err?: Error) => void }[] = [];
  const write = (items: string[]) =>
    new Promise<void>((resolve, reject) => calls.push({ items, finish: (err) => (err ? reject(err) : resolve()) }));
  return { calls, write };
}
const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));

describe("group commit", () => {
  it("lets a caller go only once the write holding its item has finished", async () => {
    const { calls, write } = controlledWrite();
    const gc = groupCommit(write, { windowMs: 1 });
    let done = false;
    const added = gc.add("a").then(() => (done = true));
    await tick();
    expect(calls.map((c) => c.items)).toEqual([["a"]]);
    expect(done).toBe(false);
    calls[0]!.finish();
    await added;
    expect(done).toBe(true);
  });

  it("puts items arriving together into one write", async () => {
    const { calls, write } = controlledWrite();
    const gc = groupCommit(write, { windowMs: 5 });
    const all = Promise.all(["a", "b", "c"].map((x) => gc.add(x)));
    await tick(20);
    expect(calls.map((c) => c.items)).toEqual([["a", "b", "c"]]);
    calls[0]!.finish();
    await all;
  });

  it("fails every caller whose item was in a failed write, and none of the next write", async () => {
    const { calls, write } = controlledWrite();
    const gc = groupCommit(write, { windowMs: 1 });
    const first = [gc.add("a"), gc.add("b")].map((p) =>
      p.then(
        () => "stored",
        (e: Error) => e.message,
      ),
    );
    await tick();
    const later = gc.add("c").then(
      () => "stored",
      (e: Error) => e.message,
    ); // arrives while the first write runs
    calls[0]!.finish(new Error("disk full"));
    expect(await Promise.all(first)).toEqual(["disk full", "disk full"]);
    await tick();
    expect(calls.map((c) => c.items)).toEqual([["a", "b"], ["c"]]);
    calls[1]!.finish();
    expect(await later).toBe("stored");
  });

  it("writes one at a time: what arrives during a write goes together into the next", async () => {
    const { calls, write } = controlledWrite();
    const gc = groupCommit(write, { windowMs: 1 });
    const a = gc.add("a");
    await tick();
    const rest = Promise.all([gc.add("b"), gc.add("c")]);
    await tick();
    expect(calls).toHaveLength(1);
    calls[0]!.finish();
    await a;
    await tick();
    expect(calls.map((c) => c.items)).toEqual([["a"], ["b", "c"]]);
    calls[1]!.finish();
    await rest;
  });

  it("caps the items of one write", async () => {
    const { calls, write } = controlledWrite();
    const gc = groupCommit(write, { windowMs: 1_000, maxItems: 2 });
    const all = Promise.all(["a", "b", "c"].map((x) => gc.add(x)));
    await tick();
    expect(calls.map((c) => c.items)).toEqual([["a", "b"]]); // full: written without waiting for the window
    calls[0]!.finish();
    await tick();
    expect(calls.map((c) => c.items)).toEqual([["a", "b"], ["c"]]);
    calls[1]!.finish();
    await all;
  });
});
