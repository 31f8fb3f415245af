import { describe, expect, it, vi } from "vitest";
import { AckGate, QueueFullError, WorkQueue } from "../../../adapters/slack/work-queue.ts";

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

describe("AckGate (issue 13 item 9: ack first, work after)", () => {
  it("starts queued work only once every request in flight is answered", async () => {
    const gate = new AckGate(60_000);
    const q = new WorkQueue(2, 10, gate);
    const leave = [gate.enter(), gate.enter()];
    let ran = 0;
    const run = q.run(async () => void ran++);
    await new Promise((r) => setImmediate(r));
    expect(ran).toBe(0);
    leave[0]!();
    // answered twice (close after finish) counts once
    leave[0]!();
    await new Promise((r) => setImmediate(r));
    expect(ran).toBe(0);
    leave[1]!();
    await run;
    expect(ran).toBe(1);
    // with nothing in flight, work starts at once
    await q.run(async () => void ran++);
    expect(ran).toBe(2);
  });

  it("starts work after maxDeferMs when requests never stop coming", async () => {
    vi.useFakeTimers();
    try {
      const gate = new AckGate(1000);
      const q = new WorkQueue(1, 10, gate);
      gate.enter();
      let ran = 0;
      const run = q.run(async () => void ran++);
      await vi.advanceTimersByTimeAsync(999);
      expect(ran).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      await run;
      expect(ran).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
