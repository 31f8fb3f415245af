import { afterEach, describe, expect, it } from "vitest";
import { replyToPlainText } from "../../src/core/reply.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.dispose();
  rt = undefined;
});

async function say(text: string, user = "sofia", claims: Parameters<typeof consoleText>[2] = {}) {
  const result = await rt!.bot.handle(consoleText(text, user, claims));
  return result.replies.map(replyToPlainText).join("\n");
}

describe("working parties from chat", () => {
  it("creates one with its settings, makes the creator its secretariat, and audits it", async () => {
    rt = await testRuntime();
    const out = await say('wp create LEWP "Law Enforcement Working Party" tz Europe/Lisbon months 24 lead 3', "sofia", { role: "secretariat" });
    expect(out).toMatch(/Created LEWP \(Law Enforcement Working Party\): Europe\/Lisbon, 24-month plans, next plan adopted 3 months before the end/);
    const wp = await rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "LEWP" }, include: { members: true, channels: true, reminderRules: true } });
    expect(wp.members.map((m) => [m.platformUserId, m.role])).toEqual([["sofia", "secretariat"]]);
    expect(wp.channels.map((c) => c.channelId)).toEqual(["#lewp", "#lewp"]);
    expect(wp.reminderRules.length).toBeGreaterThan(0);
    const audit = await rt.store.db.auditEntry.findMany({ where: { action: "wp.create" } });
    expect(audit.map((a) => [a.actor, a.subject])).toEqual([["console:sofia", "LEWP"]]);
  });

  it("reads a bare name and, after Slack's /wp, a capitalised code", async () => {
    rt = await testRuntime();
    expect(await say("wp create JHA Justice and Home Affairs", "sofia", { role: "secretariat" })).toMatch(/Created JHA \(Justice and Home Affairs\)/);
    await say("wp use CCWP", "sofia");
    expect(await say('create COSI "Standing Committee on Internal Security" lead 1', "sofia", { role: "secretariat" })).toMatch(/Created COSI .*adopted 1 month before/);
    // Lower-case words after "create" are not a working party.
    expect(await say("create an action plan", "sofia", { role: "secretariat" })).not.toMatch(/Created/);
    expect(await rt.store.db.workingParty.count()).toBe(3);
  });

  it("refuses a delegate, a bad time zone and an existing code, changing nothing", async () => {
    rt = await testRuntime();
    expect(await say('wp create LEWP "Law Enforcement"', "dan", { role: "delegate" })).toMatch(/Only the secretariat can create a working party.*nothing was changed/);
    expect(await say('wp create LEWP "Law Enforcement" tz Mars/Base', "sofia", { role: "secretariat" })).toMatch(/timeZone: an IANA time zone/);
    expect(await say('wp create CCWP "Again"', "sofia", { role: "secretariat" })).toMatch(/CCWP exists already/);
    expect((await rt.store.db.workingParty.findMany()).map((w) => w.code)).toEqual(["CCWP"]);
    expect(await rt.store.db.auditEntry.count({ where: { action: "wp.create" } })).toBe(0);
  });

  it("lists them and changes settings of this one or, as its secretariat, another", async () => {
    rt = await testRuntime();
    await say('wp create LEWP "Law Enforcement Working Party"', "sofia", { role: "secretariat" });
    expect(await say("wp list", "bob")).toMatch(/CCWP[\s\S]*LEWP: Law Enforcement Working Party · Europe\/Brussels · 18-month plans/);
    // Sofia is in CCWP and LEWP now: her direct messages say which.
    expect(await say("wp set months 12 lead 1", "sofia", { role: "secretariat" })).toMatch(/Which working party/);
    await say("wp use CCWP", "sofia");
    expect(await say("wp set months 12 lead 1", "sofia", { role: "secretariat" })).toMatch(/^CCWP .*12-month plans, adopt 1 month before the end/);
    expect(await say('wp set LEWP name "LEWP – Customs" tz Europe/Paris', "sofia")).toMatch(/^LEWP \(LEWP – Customs\): Europe\/Paris/);
    // Bob is secretariat of CCWP only: LEWP is not his to change.
    expect(await say("wp set LEWP months 6", "bob", { role: "secretariat" })).toMatch(/Only the secretariat of LEWP/);
    expect((await rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "LEWP" } })).planMonths).toBe(18);
    const changes = await rt.store.db.auditEntry.findMany({ where: { action: "wp.set" }, orderBy: { id: "asc" } });
    expect(changes.map((c) => [c.subject, JSON.parse(c.detail).after])).toEqual([
      ["CCWP", { planMonths: 12, adoptLeadMonths: 1 }],
      ["LEWP", { name: "LEWP – Customs", timeZone: "Europe/Paris" }],
    ]);
  });
});
