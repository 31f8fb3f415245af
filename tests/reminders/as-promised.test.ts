/**
 * Reminders as the README promises them (issue 14, item 14): the delivery time set for all rules
 * holds for rules added later, a rule is not accepted twice, and the upcoming list leaves out what
 * already went out.
 */
import { afterEach, describe, expect, it } from "vitest";
import { replyToPlainText } from "../../src/core/reply.ts";
import { createLogger } from "../../src/log/logger.ts";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import type { Messenger, OutgoingMessage, SendResult } from "../../src/core/messenger.ts";
import { reminderPlanner } from "../../src/reminders/reminder-planner.ts";
import { runTick } from "../../src/scheduler/tick.ts";
import { databaseKinds } from "../support/databases.ts";
import { createPlan } from "../support/plans.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

const log = createLogger("silent");

describe.each(databaseKinds)("reminders as promised on %s", (kind) => {
  let rt: TestRuntime;
  afterEach(() => rt.dispose());
  const say = async (text: string, at = "2026-06-16T08:00:00Z") => replyToPlainText((await rt.bot.handle(consoleText(text, "sam", { role: "secretariat" }, new Date(at)))).replies[0]!);

  it("gives a rule added after `reminders at 08:30` the time 08:30", async () => {
    rt = await testRuntime(kind);
    expect(await say("reminders at 08:30")).toMatch(/08:30/);
    expect(await say("reminder add 7 days before")).toMatch(/7 days before, at 08:30/);
    expect(await say("reminder add 2 days after at 10:15")).toMatch(/2 days overdue, at 10:15/);
    expect(await say("reminder rules")).not.toMatch(/09:00/);
    expect(await say("reminder add 2 days after")).toMatch(/already/);
  });

  it("delivers a rule added after `reminders at 08:30` at 08:30, not at 09:00", async () => {
    rt = await testRuntime(kind);
    await say("reminders at 08:30", "2026-06-15T10:00:00Z");
    expect(await say("reminder add 7 days before", "2026-06-15T10:00:00Z")).toMatch(/at 08:30/);
    await createPlan(rt.store.db, { number: 102, actions: [{ code: "2.1", due: "2026-06-23" }] });
    const sent: OutgoingMessage[] = [];
    const m: Messenger = { platform: "console", send: async (x): Promise<SendResult> => (sent.push(x), { ok: true }) };
    const tick = (at: string) => runTick({ store: rt.store, logger: log }, new Dispatcher(rt.store, [m], log, { clock: () => new Date(at) }), new Date(at), [reminderPlanner]);
    const about21 = () => sent.filter((x) => JSON.stringify(x.replies).includes("2.1"));
    await tick("2026-06-16T06:29:00Z"); // 08:29 in Brussels, a week before 23 June
    expect(about21()).toHaveLength(0);
    await tick("2026-06-16T06:31:00Z"); // 08:31
    expect(about21()).toHaveLength(1);
  });

  it("refuses a rule identical to an existing one and adds nothing", async () => {
    rt = await testRuntime(kind);
    const before = await rt.store.db.reminderRule.count({ where: { enabled: true } });
    expect(await say("reminder add 14 days before")).toMatch(/already/i);
    expect(await say("reminder add 14 days before at 10:00")).toMatch(/already/i);
    expect(await rt.store.db.reminderRule.count({ where: { enabled: true } })).toBe(before);
  });

  it("leaves a reminder that already went out off `upcoming reminders`", async () => {
    rt = await testRuntime(kind);
    await createPlan(rt.store.db, { number: 101, actions: [{ code: "1.1", due: "2026-06-30" }, { code: "1.2", due: "2026-07-08" }] });
    const sent: OutgoingMessage[] = [];
    const m: Messenger = { platform: "console", send: async (x): Promise<SendResult> => (sent.push(x), { ok: true }) };
    await runTick({ store: rt.store, logger: log }, new Dispatcher(rt.store, [m], log, { clock: () => new Date("2026-06-16T07:00:00Z") }), new Date("2026-06-16T07:00:00Z"), [reminderPlanner]);
    expect(sent).toHaveLength(1); // 1.1, 14 days before, at 09:00 Brussels on 16 June
    const upcoming = await say("upcoming reminders", "2026-06-16T10:00:00Z");
    expect(upcoming).not.toMatch(/16 June 2026[^\n]*1\.1/);
    expect(upcoming).toMatch(/1\.1[^\n]*3 days before/); // 27 June is still to come
    expect(upcoming).toMatch(/1\.2/);
  });
});
