import { describe, expect, it } from "vitest";
import { buildCommandSet } from "../../src/bot/command-list.ts";
import { fallback, grammar } from "../../src/bot/grammar.ts";
import { CommandRouter } from "../../src/bot/router.ts";
import type { Actor } from "../../src/core/actor.ts";
import type { IncomingMessage } from "../../src/core/message.ts";

const { commands } = buildCommandSet();
const router = new CommandRouter(commands, grammar, fallback);
const text = (t: string): IncomingMessage => ({ platform: "console", kind: "text", text: t, user: { id: "u" }, conversation: { kind: "direct", id: "d" }, receivedAt: new Date(0) });
const secretariat = { role: "secretariat", delegation: "GSC", member: { displayName: "s" } } as unknown as Actor;

describe("the grammar table", () => {
  it.each(commands.flatMap((c) => c.examples.map((e) => [e, c.id] as const)))("routes the help example %j to %s", (example, id) => {
    expect(router.match(text(example)).command.id).toBe(id);
  });

  it.each([
    ["report 99.1 on track: two trainings next: a third risks: budget", "report.submit", { action: "99.1", status: "on track", summary: "two trainings", nextSteps: "a third", risks: "budget" }],
    ["holiday add 2026-12-24, 2026-12-31", "reminders.holiday", { op: "add", days: ["2026-12-24", "2026-12-31"] }],
    ["reminder add on the day at 08:30", "reminders.add", { kind: "on", time: "08:30" }],
    ["escalate after 5 working days", "reminders.add", { kind: "escalate", days: "5" }],
    ["my deadlines", "deadlines.list", { scope: "mine" }],
    ['wp create LEWP "Law Enforcement Working Party" months 12', "wp.create", { code: "LEWP", name: "Law Enforcement Working Party", months: "12" }],
    ["what does 3.a(ii) say?", "knowledge.ask", { question: "what does 3.a(ii) say?" }],
  ])("maps %j to %s with its arguments", (typed, id, raw) => {
    const m = router.match(text(typed));
    expect(m.command.id).toBe(id);
    expect(Object.fromEntries(Object.entries(m.raw).filter(([, v]) => v !== undefined))).toEqual(raw);
  });

  it("gives every command a handler-ready argument set: the mapped arguments pass its schema", () => {
    const r = router.route(text("holiday remove 2026-12-24"), secretariat);
    expect(r.args).toEqual({ op: "remove", days: ["2026-12-24"] });
  });
});
