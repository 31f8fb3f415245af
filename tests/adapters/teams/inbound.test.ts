/** Teams activities → IncomingMessage. */
import { Activity } from "@microsoft/agents-activity";
import { describe, expect, it } from "vitest";
import { cardPress, textMessage, textOf, userOf } from "../../../adapters/teams/inbound.ts";
import { channelMention, jan, marie, personalMessage } from "../../support/teams-activities.ts";

const at = new Date("2026-11-23T10:00:00Z");
const url = "https://smba.trafficmanager.net/emea/";
/** An activity as the SDK's process() hands it to the turn. */
const activity = (o: object) => Activity.fromObject(o);

describe("Teams inbound", () => {
  it("removes the bot's mention and Teams' HTML from channel text", () => {
    const a = channelMention(url, jan, "deadlines&nbsp;this month");
    expect(textOf(activity(a))).toBe("deadlines this month");
  });

  it("writes another person's mention as the neutral member reference, by the id the core knows them by", () => {
    const a = channelMention(url, jan, "role <at>Marie Dupont</at> chair");
    a.entities.push({ type: "mention", text: "<at>Marie Dupont</at>", mentioned: { id: marie.id, name: marie.name } } as never);
    expect(textOf(activity(a), new Map([[marie.id, marie.aadObjectId]]))).toBe(`role @{${marie.aadObjectId}} chair`);
    // When nothing better is known, the Teams id itself.
    expect(textOf(activity(a))).toBe(`role @{${marie.id}} chair`);
  });

  it("uses the AAD object id a mention entity carries", () => {
    const a = channelMention(url, jan, "delegation <at>Marie Dupont</at> FR");
    a.entities.push({ type: "mention", text: "<at>Marie Dupont</at>", mentioned: { id: marie.id, name: marie.name, aadObjectId: marie.aadObjectId } } as never);
    expect(textOf(activity(a))).toBe(`delegation @{${marie.aadObjectId}} FR`);
  });

  it("keeps <at> tags that no mention entity backs as plain names", () => {
    const a = { ...channelMention(url, jan, "role <at>Marie Dupont</at> chair") };
    expect(textOf(activity(a))).toBe("role Marie Dupont chair");
  });

  it("makes a personal message a direct text message from the AAD user, with time zone and direct reference", () => {
    const m = textMessage(activity(personalMessage(url, marie, "whoami")), at)!;
    expect(m).toMatchObject({ platform: "teams", kind: "text", text: "whoami", conversation: { kind: "direct" }, user: { id: marie.aadObjectId, name: "Marie Dupont", timeZone: "Europe/Brussels" } });
    expect(JSON.parse(m.user.directRef!)).toMatchObject({ serviceUrl: url, conversation: { id: `a:personal-${marie.aadObjectId}` } });
  });

  it("ignores an unknown time zone rather than storing it", () => {
    expect(userOf(activity({ ...personalMessage(url, marie, "x"), localTimezone: "Mars/Olympus" })).timeZone).toBeUndefined();
  });

  it("gives channel messages no direct reference and a channel conversation", () => {
    const m = textMessage(activity(channelMention(url, jan, "whoami")), at)!;
    expect(m.conversation.kind).toBe("channel");
    expect(m.user.directRef).toBeUndefined();
  });

  it("decodes a form press: values without the field prefix, hidden context merged", () => {
    const form = { command: "report.submit", title: "t", submitLabel: "s", context: { action: "11.4" }, fields: [{ name: "summary", label: "Summary", kind: "textarea" }] };
    const p = cardPress(activity(personalMessage(url, marie, "")), { command: "report.submit", form, "field:summary": "done" }, at)!;
    expect(p.message).toMatchObject({ kind: "form", command: "report.submit", values: { action: "11.4", summary: "done" } });
    expect(p.values).toEqual({ summary: "done" });
  });

  it("refuses card data that is not a button or a form of ours", () => {
    for (const data of [undefined, null, "help", { command: "" }, { command: "x".repeat(101) }, { command: "help", args: { a: { nested: true } } }]) {
      expect(cardPress(activity(personalMessage(url, marie, "")), data, at)).toBeNull();
    }
  });
});
