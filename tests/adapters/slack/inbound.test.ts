import { describe, expect, it } from "vitest";
import { fromButton, fromFormSubmission, fromMessage, slackTextToPlain, stripBotMention } from "../../../adapters/slack/inbound.ts";
import { errorsForSlack, valuesFromState } from "../../../adapters/slack/modal.ts";
import { memberReference } from "../../../src/core/mention.ts";

const now = new Date("2026-11-23T10:00:00Z");
const user = { id: "U1" };

describe("slack inbound", () => {
  it.each([
    ["deadlines &amp; reminders", "deadlines & reminders"],
    ["&lt;!channel&gt; typed literally", "<!channel> typed literally"],
    ["<!channel> hello", "@channel hello"],
    ["see <https://example.org/a?b=1|example.org>", "see https://example.org/a?b=1"],
    ["in <#C123|ccwp>", "in #ccwp"],
    ["role <@U0123|marie> chair", "role @{U0123} chair"],
    ["role <@U0123> chair", "role @{U0123} chair"],
    ["&lt;@U999&gt; typed literally", "<@U999> typed literally"],
    ["ping <!subteam^S1|@chairs>", "ping @chairs"],
  ])("reads %j as %j", (slack, plain) => {
    expect(slackTextToPlain(slack)).toBe(plain);
  });

  it("hands user mentions to the core as the neutral member reference", () => {
    expect(memberReference(slackTextToPlain("<@U0123|marie>"))).toEqual({ userId: "U0123" });
  });

  it("drops a leading /wp typed as a message, as in a thread", () => {
    expect(fromMessage({ text: "/wp deadlines", channel: "C1" }, "UBOT", user, now)).toMatchObject({ kind: "text", text: "deadlines" });
    expect(fromMessage({ text: "<@UBOT> /WP help", channel: "C1" }, "UBOT", user, now)).toMatchObject({ text: "help" });
  });

  it("strips the bot's own mention, wherever it is", () => {
    expect(stripBotMention("<@UBOT> deadlines", "UBOT")).toBe("deadlines");
    expect(stripBotMention("hey <@UBOT>: what is due?", "UBOT")).toBe("hey what is due?");
    expect(stripBotMention("role <@U2> chair <@UBOT>", "UBOT")).toBe("role <@U2> chair");
  });

  it("reads a command button's value, and refuses values that are not ours", () => {
    expect(fromButton('{"c":"deadlines.list","a":{"text":"deadlines overdue"}}', "C1", user, now)).toMatchObject({ kind: "action", command: "deadlines.list", args: { text: "deadlines overdue" }, conversation: { kind: "channel", id: "C1" } });
    expect(fromButton("not json", "C1", user, now)).toBeNull();
    expect(fromButton('{"c":""}', "C1", user, now)).toBeNull();
  });

  it("gives a form's hidden context precedence over a field of the same name", () => {
    const m = fromFormSubmission({ c: "report.submit", x: { action: "11.4" }, ch: "D1" }, { action: "99.9", summary: "ok" }, user, now);
    expect(m).toMatchObject({ kind: "form", command: "report.submit", values: { action: "11.4", summary: "ok" }, conversation: { kind: "direct", id: "D1" } });
  });

  it("reads modal state values by field, leaving out empty optional ones", () => {
    expect(
      valuesFromState({
        "f:summary": { v: { type: "plain_text_input", value: "Going well" } },
        "f:risks": { v: { type: "plain_text_input", value: null } },
        "f:status": { v: { type: "static_select", selected_option: { value: "on_track" } } },
        "f:due": { v: { type: "datepicker", selected_date: "2027-06-30" } },
        other: { x: { type: "plain_text_input", value: "ignored" } },
      }),
    ).toEqual({ summary: "Going well", status: "on_track", due: "2027-06-30" });
  });

  it("maps field errors to block ids, unknown fields onto the first field", () => {
    expect(errorsForSlack({ summary: "too short", _: "the collection is closed" }, ["f:status", "f:summary"])).toEqual({ "f:summary": "too short", "f:status": "the collection is closed" });
  });
});
