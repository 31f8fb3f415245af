/** The minute scheduler: each tick runs every registered planner, then sends; ticks never overlap. */
import { afterEach, describe, expect, it } from "vitest";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import { startScheduler, type Scheduler } from "../../src/scheduler/scheduler.ts";
import type { Planner } from "../../src/scheduler/tick.ts";
import { planners } from "../../src/scheduler/planners.ts";
import { reminderPlanner } from "../../src/reminders/reminder-planner.ts";
import { chasePlanner } from "../../src/collection/chase-planner.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";

let rt: TestRuntime | undefined;
let scheduler: Scheduler | undefined;
afterEach(async () => {
  scheduler?.stop();
  await rt?.dispose();
});

describe("the scheduler", () => {
  it("runs the reminders' planner, then the collections' chases", () => {
    expect(planners).toEqual([reminderPlanner, chasePlanner]);
  });

  it("does not start a second tick while one is running: both callers wait for the same one", async () => {
    rt = await testRuntime();
    let calls = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slow: Planner = async () => {
      calls++;
      await held;
    };
    const at = new Date("2027-03-01T08:00:00Z");
    scheduler = startScheduler({ store: rt.store, logger: rt.logger }, new Dispatcher(rt.store, [], rt.logger), [slow], () => at);
    const first = scheduler.tickNow();
    const second = scheduler.tickNow();
    release();
    await Promise.all([first, second]);
    expect(calls).toBe(1);
    await scheduler.tickNow();
    expect(calls).toBe(2);
  });

  it("keeps ticking after a planner throws, and still sends what is recorded", async () => {
    rt = await testRuntime();
    const seen: string[] = [];
    const failing: Planner = async () => {
      seen.push("failing");
      throw new Error("planner broke");
    };
    const next: Planner = async () => void seen.push("next");
    scheduler = startScheduler({ store: rt.store, logger: rt.logger }, new Dispatcher(rt.store, [], rt.logger), [failing, next], () => new Date("2027-03-01T08:00:00Z"));
    await scheduler.tickNow();
    await scheduler.tickNow();
    expect(seen).toEqual(["failing", "next", "failing", "next"]);
  });
});
