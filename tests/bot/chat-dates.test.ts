/**
 * What chat users read (issue 14 item 17): one date format in chat, "20 December 2026", never the
 * ISO form beside it; and no command-line hint or placeholder in a chat reply. ISO dates stay in
 * what people type (examples of commands) and in the CLI's JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Messenger, OutgoingMessage, SendResult } from "../../src/core/messenger.ts";
import { replyToPlainText } from "../../src/core/reply.ts";
import { createLogger } from "../../src/log/logger.ts";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import { importPlan } from "../../src/planning/plan-file/import-plan.ts";
import { parsePlanFile } from "../../src/planning/plan-file/plan-file.ts";
import { reminderPlanner } from "../../src/reminders/reminder-planner.ts";
import { runTick } from "../../src/scheduler/tick.ts";
import { databaseKinds } from "../support/databases.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

const NOW = new Date("2026-11-23T10:00:00Z");
const ISO = /\b\d{4}-\d{2}-\d{2}\b/;

/** Stands in for the channel a digest is posted to: keeps what was sent. */
class ChannelRecorder implements Messenger {
  readonly platform = "console" as const;
  readonly sent: OutgoingMessage[] = [];
  async send(m: OutgoingMessage): Promise<SendResult> {
    this.sent.push(m);
    return { ok: true };
  }
}

describe.each(databaseKinds)("dates and hints in chat on %s", (kind) => {
  let rt: TestRuntime;
  const say = async (text: string, user = "sam", claims: { role?: "delegate" | "chair" | "secretariat"; delegation?: string } = { role: "secretariat" }) =>
    (await rt.bot.handle(consoleText(text, user, claims, NOW))).replies.map(replyToPlainText).join("\n");
  beforeAll(async () => {
    rt = await testRuntime(kind);
    const p = parsePlanFile(
      `workingParty: CCWP\nnumber: 12\ntitle: Action plan 2026-2027\nstart: 2026-01-01\nactions:\n  - code: "12.1"\n    title: Joint training\n    lead: { delegation: FR }\n    deadlines:\n      - { due: "2026-12-20" }\n`,
      "p.yaml",
    );
    if (!p.ok) throw new Error(p.errors.join());
    await importPlan(rt.store, p.plan, { actor: "test", now: NOW });
    await say("whoami", "marie", { delegation: "FR" });
    await say("collect start plan 12 due 2026-12-15", "claire", { role: "chair" });
  });
  afterAll(() => rt.dispose());

  it.each(["collect status plan 12", "holiday add 2026-12-24", "home", "deadlines", "my deadlines", "current plan", "action 12.1", "upcoming reminders"])("writes dates in one form in the reply to %j", async (text) => {
    const user = text === "home" || text === "my deadlines" ? "marie" : "sam";
    const out = await say(text, user, user === "marie" ? { delegation: "FR" } : { role: "secretariat" });
    expect(out).not.toMatch(ISO);
  });

  it("writes a deadline typed as a date, and the adopt-by day, once in long form in the reminder digests", async () => {
    // the 14-days-before reminders: 12.1 (typed "2026-12-20", Sunday 6 December moves to Friday 4), the adopt-by day 30 April 2027
    const channel = new ChannelRecorder();
    const log = createLogger("silent");
    for (const at of ["2026-12-04T08:00:00Z", "2027-04-16T07:00:00Z"]) await runTick({ store: rt.store, logger: log }, new Dispatcher(rt.store, [channel], log), new Date(at), [reminderPlanner]);
    const digests = channel.sent.map((m) => m.replies.map(replyToPlainText).join("\n"));
    expect(digests.join("\n")).toMatch(/12\.1 — Joint training[\s\S]*due in 16 days: 20 December 2026\n/);
    expect(digests.join("\n")).toMatch(/due in 14 days: 30 April 2027\n/);
    for (const d of digests) expect(d).not.toMatch(ISO);
  });

  it("lists the holidays in long form beside the reminder rules", async () => {
    await say("holiday add 2026-12-24");
    const out = await say("reminder rules");
    expect(out).toContain("Holidays: 24 December 2026");
    expect(out).not.toMatch(ISO);
  });

  it("names dates in long form when a collection is already open", async () => {
    const out = await say("collect start plan 12 due 2027-01-15", "claire", { role: "chair" });
    expect(out).toMatch(/already open \(due 15 December 2026\)/);
  });

  it("ends a long overdue list with what to type in chat, not a command-line hint or placeholder", async () => {
    const out = await say("what is overdue"); // the bundled 1997 plan: 27 overdue, 15 shown
    expect(out).toMatch(/…and 12 more/);
    expect(out).not.toMatch(/secretariat deadlines|--wp|\bCODE\b/);
    expect(out).toMatch(/type calendar/i);
  });
});
