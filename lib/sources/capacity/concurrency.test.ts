import { describe, expect, it } from "vitest";
import { forEachAtMost } from "./concurrency";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("forEachAtMost", () => {
  it("never runs more than the limit at once, and runs every item once, in order of start", async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await forEachAtMost([..."abcdefghij"], 3, async (_item, i) => {
      started.push(i);
      most = Math.max(most, ++running);
      await tick();
      running--;
    });
    expect(most).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("takes no new item once the signal aborts; starts from `from`", async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    await forEachAtMost(
      ["a", "b", "c", "d", "e"],
      1,
      async (item) => {
        seen.push(item);
        if (item === "c") controller.abort();
      },
      { signal: controller.signal, from: 1 },
    );
    expect(seen).toEqual(["b", "c"]);
  });

  it("an empty list or a start past the end runs nothing", async () => {
    let calls = 0;
    await forEachAtMost([], 4, async () => void calls++);
    await forEachAtMost([1, 2], 4, async () => void calls++, { from: 2 });
    expect(calls).toBe(0);
  });
});
