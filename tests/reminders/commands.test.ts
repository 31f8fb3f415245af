import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToPlainText } from "../../src/core/reply.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.dispose());
const say = async (text: string, user = "sam", role: "secretariat" | "delegate" | "chair" = "secretariat") =>
  replyToPlainText((await rt.bot.handle(consoleText(text, user, { role }))).replies[0]!);

describe("reminder commands", () => {
  it("shows the default rules of a working party", async () => {
    const text = await say("reminder rules", "dora", "delegate");
    for (const r of ["14 days before, at 09:00", "3 days before", "on the due day", "1 day overdue, then every 7 days while open", "tell the chair when 5 working days overdue"]) expect(text).toContain(r);
  });

  it.each([
    ["reminder add 7 days before", /7 days before, at 09:00/],
    ["reminder add 5 days before at 08:30", /5 days before, at 08:30/],
    ["reminder add 2 days after every 14 days", /2 days overdue, then every 14 days while open/],
    ["escalate after 3 working days", /tell the chair when 3 working days overdue/],
  ])("lets the secretariat %s", async (text, expected) => {
    expect(await say(text)).toMatch(expected);
    expect(await say("reminder rules")).toMatch(expected);
  });

  it("refuses a delegate who changes rules, and changes nothing", async () => {
    const before = await rt.store.db.reminderRule.count();
    expect(await say("reminder add 1 days before", "dora", "delegate")).toMatch(/Only the secretariat can add a reminder rule/);
    expect(await rt.store.db.reminderRule.count()).toBe(before);
  });

  it("refuses a bad time or a bad holiday with a message", async () => {
    expect(await say("reminders at 9am")).toMatch(/a time such as 09:00/);
    expect(await say("holiday add 2026-02-30")).toMatch(/Holiday 2026-02-30 is not a calendar day \(February 2026 has 28 days\); nothing was changed/);
  });

  it("binds the channel it is typed in, for reminders or the secretariat", async () => {
    const inChannel = { ...consoleText("bind this channel", "sam", { role: "secretariat" }), conversation: { kind: "channel" as const, id: "#delegates" } };
    expect(replyToPlainText((await rt.bot.handle(inChannel)).replies[0]!)).toMatch(/now receives CCWP's deadline reminders/);
    expect(await rt.store.db.channelBinding.count({ where: { channelId: "#delegates", purpose: "reminders" } })).toBe(1);
    expect(await say("bind this channel")).toMatch(/Type this in the channel/);
    expect(await say("channels", "dora", "delegate")).toMatch(/#delegates/);
  });
});
