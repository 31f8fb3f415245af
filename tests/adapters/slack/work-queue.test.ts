import { describe, expect, it } from "vitest";
import { QueueFullError, WorkQueue } from "../../../adapters/slack/work-queue.ts";

/** A promise and its resolve, to finish work when the test says so. */
function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

describe("WorkQueue (issue 13 item 9: bounded)", () => {
  it("runs at most `concurrency` at once, the rest in order as slots free", async () => {
    const q = new WorkQueue(2, 10);
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) => q.run(async () => (started.push(i), await g.promise, i)));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(q.backlog).toBe(1);
    gates[0]!.open();
    await runs[0];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    gates[1]!.open();
    gates[2]!.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(q.backlog).toBe(0);
  });

  it("refuses work beyond `maxWaiting` at once, without running it, and takes work again once there is room", async () => {
    const q = new WorkQueue(1, 2);
    const g = gate();
    let ran = 0;
    const work = async () => {
      ran++;
      await g.promise;
    };
    const accepted = [q.run(work), q.run(work), q.run(work)];
    expect(q.full).toBe(true);
    await expect(q.run(work)).rejects.toBeInstanceOf(QueueFullError);
    await Promise.resolve();
    expect(ran).toBe(1);
    g.open();
    await Promise.all(accepted);
    expect(ran).toBe(3);
    expect(q.full).toBe(false);
    await q.run(work);
    expect(ran).toBe(4);
  });

  it("frees the slot of work that failed", async () => {
    const q = new WorkQueue(1, 1);
    await expect(q.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await q.run(async () => "next")).toBe("next");
  });
});
