import { afterEach, describe, expect, it } from "vitest";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import type { Messenger, OutgoingMessage, SendResult } from "../../src/core/messenger.ts";
import { replyToPlainText } from "../../src/core/reply.ts";
import { reminderPlanner } from "../../src/reminders/reminder-planner.ts";
import { runTick } from "../../src/scheduler/tick.ts";
import { createLogger } from "../../src/log/logger.ts";
import { databaseKinds } from "../support/databases.ts";
import { createPlan } from "../support/plans.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

class Recorder implements Messenger {
  readonly sent: OutgoingMessage[] = [];
  readonly platform: "console" | "slack";
  private readonly answers: SendResult[];
  constructor(platform: "console" | "slack" = "console", answers: SendResult[] = []) {
    this.platform = platform;
    this.answers = answers;
  }
  async send(m: OutgoingMessage): Promise<SendResult> {
    this.sent.push(m);
    return this.answers.shift() ?? { ok: true };
  }
  texts(): string[] {
    return this.sent.map((m) => m.replies.map(replyToPlainText).join("\n"));
  }
}

const log = createLogger("silent");

describe.each(databaseKinds)("reminder ticks on %s", (kind) => {
  let rt: TestRuntime;
  afterEach(() => rt.dispose());
  const tick = async (iso: string, m: Recorder) => (await runTick({ store: rt.store, logger: log }, new Dispatcher(rt.store, [m], log), new Date(iso), [reminderPlanner])).results;

  it("sends one digest per channel and slot, grouped by plan, once however often it ticks", async () => {
    rt = await testRuntime(kind);
    await createPlan(rt.store.db, { number: 101, actions: [{ code: "1.1", due: "2026-06-30", text: "June 2026", lead: "FR" }, { code: "1.2", due: "2026-06-30", text: "By end June 2026", lead: "DE" }] });
    await createPlan(rt.store.db, { number: 102, start: "2026-03-01", actions: [{ code: "2.1", due: "2026-06-30" }] });
    const m = new Recorder();
    await tick("2026-06-16T06:59:00Z", m); // 08:59 Brussels: not yet
    expect(m.sent).toHaveLength(0);
    await tick("2026-06-16T07:00:00Z", m); // 09:00 Brussels (CEST)
    await tick("2026-06-16T07:01:00Z", m);
    await tick("2026-06-16T07:00:00Z", m); // the same instant again
    await tick("2026-06-15T07:00:00Z", m); // the clock jumps back a day
    expect(m.sent).toHaveLength(1);
    expect(m.sent[0]!.to).toMatchObject({ kind: "channel", id: "#ccwp" });
    const text = m.texts()[0]!;
    expect(text).toMatch(/PLAN 101 — ACTION PLAN 101[\s\S]*1\.1 — Action 1\.1[\s\S]*due in 14 days: 30 June 2026 \("June 2026"\)[\s\S]*Lead: FR/);
    expect(text).toMatch(/1\.2[\s\S]*"By end June 2026"[\s\S]*PLAN 102 — ACTION PLAN 102[\s\S]*2\.1/);
    expect(m.sent[0]!.replies[0]!.blocks.some((b) => b.type === "buttons" && b.buttons.some((x) => x.command === "plan.done"))).toBe(true);
  });

  it("stops reminding of an action marked done", async () => {
    rt = await testRuntime(kind);
    await createPlan(rt.store.db, { number: 101, actions: [{ code: "1.1", due: "2026-06-30", lead: "FR" }, { code: "1.2", due: "2026-06-30", lead: "DE" }] });
    const m = new Recorder();
    await tick("2026-06-16T07:00:00Z", m);
    // the French lead presses the digest's "Mark 1.1 done" button
    const button = m.sent[0]!.replies[0]!.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : [])).find((b) => b.label === "Mark 1.1 done")!;
    const pressed = await rt.bot.handle({ ...consoleText("", "fr-lead", { delegation: "FR" }), kind: "action", command: button.command, args: button.args } as never);
    expect(replyToPlainText(pressed.replies[0]!)).toMatch(/Action 1\.1 \(plan 101\) is marked done/);
    await tick("2026-06-26T07:00:00Z", m);
    expect(m.texts()[0]).toMatch(/1\.1/);
    expect(m.texts()[1]).not.toMatch(/1\.1 —/);
    expect(m.texts()[1]).toMatch(/1\.2 —/);
  });

  it("catches up a reminder missed within 24 hours, marked late", async () => {
    rt = await testRuntime(kind);
    await createPlan(rt.store.db, { number: 101, actions: [{ code: "1.1", due: "2026-06-30" }] });
    const m = new Recorder();
    await tick("2026-06-15T07:00:00Z", m); // the bot ran the day before
    await tick("2026-06-17T05:00:00Z", m); // back 22 hours after the 09:00 slot of the 16th
    expect(m.sent).toHaveLength(1);
    expect(m.texts()[0]).toMatch(/Sent late: the bot was offline/);
    expect((await rt.store.db.delivery.findFirstOrThrow({ where: { kind: "reminder" } })).late).toBe(true);
  });

  it("records reminders missed beyond the window as skipped and names them in the next digest, without flooding", async () => {
    rt = await testRuntime(kind);
    await createPlan(rt.store.db, { number: 101, actions: [{ code: "1.1", due: "2026-06-30" }, { code: "1.2", due: "2026-07-20" }] });
    const m = new Recorder();
    await tick("2026-06-01T07:00:00Z", m); // running, then down from 1 June to 6 July
    await tick("2026-07-06T07:00:00Z", m);
    const skipped = await rt.store.db.delivery.findMany({ where: { kind: "reminder-item", status: "skipped" } });
    // 1.1: 14 and 3 days before, on the day, 1 day overdue (1 July) were all missed
    expect(skipped.length).toBeGreaterThanOrEqual(4);
    expect(m.sent.length).toBeLessThanOrEqual(2);
    const all = m.texts().join("\n");
    expect(all).toMatch(/MISSED WHILE THE BOT WAS OFFLINE|Missed while the bot was offline/i);
    expect(all).toMatch(/1\.2 — Action 1\.2[\s\S]*due in 14 days/);
    expect(skipped.every((s) => s.platformRef !== null)).toBe(true);
  });

  it("sends one digest per channel in a tick that catches up two slots, naming each deadline once", async () => {
    rt = await testRuntime(kind);
    await createPlan(rt.store.db, { number: 99, actions: [{ code: "99.2", due: "2026-12-14" }] });
    const wp = await rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    await rt.store.db.reminderRule.create({ data: { workingPartyId: wp.id, kind: "after", offsetDays: 7 } });
    await rt.store.db.reminderRule.create({ data: { workingPartyId: wp.id, kind: "after", offsetDays: 8 } });
    const m = new Recorder();
    await tick("2026-12-21T07:00:00Z", m); // running before the 09:00 slot of Monday 21 December
    await tick("2026-12-22T08:30:00Z", m); // back on the 22nd after the 09:00 slot: 21st (late) and 22nd due
    expect(m.sent).toHaveLength(1);
    expect(m.texts()[0]!.match(/99\.2 — Action 99\.2/g)).toHaveLength(1);
  });

  it("names a deadline once in the missed list however many of its reminders were missed", async () => {
    rt = await testRuntime(kind);
    await createPlan(rt.store.db, { number: 101, actions: [{ code: "1.1", due: "2026-06-30" }, { code: "1.2", due: "2026-07-31" }] });
    const m = new Recorder();
    await tick("2026-06-01T07:00:00Z", m); // then down until 17 July: 1.1's 14-days, 3-days, on-the-day and overdue reminders missed
    await tick("2026-07-17T07:00:00Z", m);
    const all = m.texts().join("\n");
    expect(all).toMatch(/Missed while the bot was offline/i);
    expect(all.match(/• 1\.1 Action 1\.1/g)).toHaveLength(1);
  });

  it("reminds of the plan's adopt-by date until a later plan exists", async () => {
    rt = await testRuntime(kind);
    await createPlan(rt.store.db, { number: 101, start: "2026-01-01", adoptNextBy: "2027-04-30", actions: [] });
    const m = new Recorder();
    await tick("2027-04-16T07:00:00Z", m);
    expect(m.texts()[0]).toMatch(/Adopt the next action plan[\s\S]*30 April 2027/);
    await createPlan(rt.store.db, { number: 102, start: "2027-05-01", actions: [] });
    await tick("2027-04-27T07:00:00Z", m);
    expect(m.sent).toHaveLength(1);
  });

  it("tells the chair directly when a deadline is 5 working days overdue", async () => {
    rt = await testRuntime(kind);
    await rt.bot.handle(consoleText("whoami", "claire", { role: "chair" }));
    await createPlan(rt.store.db, { number: 101, actions: [{ code: "1.1", due: "2026-06-30" }] });
    const m = new Recorder();
    await tick("2026-07-07T07:00:00Z", m);
    const toChair = m.sent.filter((s) => s.to.kind === "user");
    expect(toChair).toHaveLength(1);
    expect(toChair[0]!.to.id).toBe("claire");
    expect(m.texts().join("\n")).toMatch(/Overdue deadlines in CCWP for the chair[\s\S]*overdue by 7 days/i);
  });

  it("moves a reminder off a holiday set from chat", async () => {
    rt = await testRuntime(kind);
    await rt.bot.handle(consoleText("holiday add 2026-06-16", "sam", { role: "secretariat" }));
    await createPlan(rt.store.db, { number: 101, actions: [{ code: "1.1", due: "2026-06-30" }] });
    const m = new Recorder();
    await tick("2026-06-15T07:00:00Z", m);
    expect(m.texts()[0]).toMatch(/due in 15 days/);
    await tick("2026-06-16T07:00:00Z", m);
    expect(m.sent).toHaveLength(1);
  });

  it("keeps a reminder pending when the platform answers 429, and sends it once after", async () => {
    rt = await testRuntime(kind);
    await createPlan(rt.store.db, { number: 101, actions: [{ code: "1.1", due: "2026-06-30" }] });
    const m = new Recorder("console", [{ ok: false, retryable: true, retryAfterMs: 30_000, error: "rate limited" }]);
    await tick("2026-06-16T07:00:00Z", m);
    await tick("2026-06-16T07:00:10Z", m);
    await tick("2026-06-16T07:01:00Z", m);
    await tick("2026-06-16T07:02:00Z", m);
    expect(m.sent).toHaveLength(2);
    expect(await rt.store.db.delivery.count({ where: { kind: "reminder", status: "sent" } })).toBe(1);
  });

  it("reports a permanent failure to the secretariat channel once", async () => {
    rt = await testRuntime(kind);
    const wp = await rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    await rt.store.db.channelBinding.create({ data: { workingPartyId: wp.id, platform: "slack", channelId: "C-GONE", name: "#gone", purpose: "reminders" } });
    await createPlan(rt.store.db, { number: 101, actions: [{ code: "1.1", due: "2026-06-30" }] });
    const slack = new Recorder("slack", [{ ok: false, retryable: false, error: "channel_not_found" }]);
    const console_ = new Recorder("console");
    const run = (iso: string) => runTick({ store: rt.store, logger: log }, new Dispatcher(rt.store, [slack, console_], log), new Date(iso), [reminderPlanner]);
    await run("2026-06-16T07:00:00Z");
    await run("2026-06-16T07:05:00Z");
    expect(console_.texts().filter((t) => /could not be delivered to channel C-GONE on slack: channel_not_found/.test(t))).toHaveLength(1);
    expect(console_.texts().find((t) => /C-GONE/.test(t))).toMatch(/refused it for good[\s\S]*bot is still in it/);
  });

  it("gives up a reminder only after an outage longer than the catch-up window, says it was an outage, and names it in the next digest", async () => {
    rt = await testRuntime(kind);
    const wp = await rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    await rt.store.db.channelBinding.create({ data: { workingPartyId: wp.id, platform: "slack", channelId: "C-DOWN", name: "#down", purpose: "reminders" } });
    await createPlan(rt.store.db, { number: 101, actions: [{ code: "1.1", due: "2026-06-30" }] });
    let down = true;
    const slack = new Recorder("slack");
    const outage: Messenger = { platform: "slack", send: async (m) => (down ? { ok: false, retryable: true, error: "http 503", errorClass: "unavailable" } : slack.send(m)) };
    const console_ = new Recorder("console");
    const run = (iso: string) => runTick({ store: rt.store, logger: log }, new Dispatcher(rt.store, [outage, console_], log, { clock: () => new Date(iso) }), new Date(iso), [reminderPlanner]);
    // Slack is down from before the 09:00 slot of 16 June for 30 hours; the bot ticks every half hour.
    for (let t = new Date("2026-06-16T07:00:00Z").getTime(); t <= new Date("2026-06-17T13:00:00Z").getTime(); t += 30 * 60_000) await run(new Date(t).toISOString());
    const digest = await rt.store.db.delivery.findFirstOrThrow({ where: { kind: "reminder", target: "C-DOWN" }, orderBy: { id: "asc" } });
    expect(digest.status).toBe("expired");
    const notices = console_.texts().filter((t) => /C-DOWN/.test(t));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/unavailable/);
    expect(notices[0]).not.toMatch(/bot is still in it/);
    down = false;
    await run("2026-06-17T13:30:00Z");
    expect(slack.sent).toHaveLength(1);
    expect(slack.texts()[0]).toMatch(/Missed[\s\S]*1\.1 Action 1\.1: reminder of 16 June 2026/);
    await run("2026-06-17T14:00:00Z");
    expect(slack.sent).toHaveLength(1);
  });
});
