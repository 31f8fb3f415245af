/**
 * Two working parties in one database, with members on Slack and Teams: each command acts on the
 * bound channel's working party or, in a direct message, the member's own (asking which when
 * there are several); reminders, collections and permissions never cross. On both stores.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { IncomingMessage, Platform } from "../../src/core/message.ts";
import { replyToPlainText } from "../../src/core/reply.ts";
import { Outbox } from "../../src/outbox/outbox.ts";
import { planReminders } from "../../src/reminders/plan-reminders.ts";
import { postgresUrl } from "../support/databases.ts";
import { createPlan } from "../support/plans.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";

const at = new Date("2026-06-10T08:00:00Z");
let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.dispose();
  rt = undefined;
});

function message(platform: Platform, user: string, text: string, where: { channel?: string } = {}): IncomingMessage {
  return { platform, kind: "text", text, user: { id: user, name: user }, conversation: where.channel ? { kind: "channel", id: where.channel } : { kind: "direct", id: `dm:${user}` }, receivedAt: at };
}
async function say(platform: Platform, user: string, text: string, where: { channel?: string } = {}): Promise<string> {
  return (await rt!.bot.handle(message(platform, user, text, where))).replies.map(replyToPlainText).join("\n");
}

async function twoWorkingParties(kind: "sqlite" | "postgresql") {
  rt = await testRuntime(kind);
  const db = rt.store.db;
  const ccwp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  const lewp = await db.workingParty.create({ data: { code: "LEWP", name: "Law Enforcement Working Party", reminderRules: { create: [{ kind: "before", offsetDays: 7, deliveryTime: "09:00", workingDaysOnly: false }] } } });
  await db.reminderRule.deleteMany({ where: { workingPartyId: ccwp.id } });
  await db.reminderRule.create({ data: { workingPartyId: ccwp.id, kind: "before", offsetDays: 7, deliveryTime: "09:00", workingDaysOnly: false } });
  // Ines: secretariat of CCWP on Slack and chair of LEWP. Tom: Teams, delegate of CCWP only.
  await db.member.createMany({
    data: [
      { workingPartyId: ccwp.id, platform: "slack", platformUserId: "U0INES", displayName: "Ines", role: "secretariat" },
      { workingPartyId: lewp.id, platform: "slack", platformUserId: "U0INES", displayName: "Ines", role: "chair" },
      { workingPartyId: ccwp.id, platform: "teams", platformUserId: "29:tom", displayName: "Tom", role: "delegate", delegation: "NL" },
      { workingPartyId: lewp.id, platform: "teams", platformUserId: "29:lea", displayName: "Lea", role: "secretariat" },
    ],
  });
  await db.channelBinding.createMany({
    data: [
      { workingPartyId: ccwp.id, platform: "slack", channelId: "C0CCWP", name: "#ccwp-deadlines", purpose: "reminders" },
      { workingPartyId: lewp.id, platform: "teams", channelId: "19:lewp@thread", name: "LEWP General", purpose: "reminders" },
    ],
  });
  await createPlan(db, { number: 40, wp: "CCWP", start: "2026-01-01", actions: [{ code: "40.1", due: "2026-06-17" }] });
  await createPlan(db, { number: 7, wp: "LEWP", start: "2026-01-01", actions: [{ code: "7.1", due: "2026-06-17", lead: "DE" }] });
  return { db, ccwp, lewp };
}

describe.each(["sqlite", ...(postgresUrl ? ["postgresql" as const] : [])] as const)("two working parties on %s", (kind) => {
  it("acts on the bound channel's working party, and in a DM asks which until the member chooses", async () => {
    await twoWorkingParties(kind);
    expect(await say("slack", "U0INES", "whoami", { channel: "C0CCWP" })).toMatch(/CCWP/);
    expect(await say("teams", "29:lea", "whoami", { channel: "19:lewp@thread" })).toMatch(/LEWP/);
    // Tom belongs to one working party: his DMs are about it.
    expect(await say("teams", "29:tom", "whoami")).toMatch(/CCWP/);
    // Ines belongs to two: she is asked, and nothing is done meanwhile.
    expect(await say("slack", "U0INES", "collect start plan 7 due 2026-07-01")).toMatch(/member of CCWP and LEWP\. Which working party/);
    expect(await rt!.store.db.collection.count()).toBe(0);
    // A sign-in link or the list of working parties needs no choice.
    expect(await say("slack", "U0INES", "wp list")).toMatch(/CCWP[\s\S]*LEWP/);
    expect(await say("slack", "U0INES", "console")).toMatch(/\/console\/sign-in\//);
    expect(await say("slack", "U0INES", "wp use XYZ")).toMatch(/not a member of XYZ/);
    expect(await say("slack", "U0INES", "wp use LEWP")).toMatch(/act on LEWP .* where you are chair/);
    expect(await say("slack", "U0INES", "whoami")).toMatch(/LEWP/);
    // Joining a working party by asking for it is not possible either.
    expect(await say("teams", "29:tom", "wp use LEWP")).toMatch(/not a member of LEWP/);
    expect(await rt!.store.db.member.count({ where: { platformUserId: "29:tom" } })).toBe(1);
  });

  it("keeps permissions, collections and reminders within each working party", async () => {
    const { db, ccwp, lewp } = await twoWorkingParties(kind);
    // Ines chairs LEWP: she may start its collection. Tom is a delegate of CCWP: he may not start CCWP's.
    await say("slack", "U0INES", "wp use LEWP");
    expect(await say("slack", "U0INES", "collect start plan 7 due 2026-07-01")).toMatch(/Collection started|asked/i);
    expect(await say("teams", "29:tom", "collect start plan 40 due 2026-07-01")).toMatch(/Only chairs and the secretariat/);
    // LEWP's plan 7 is not reachable from CCWP, nor CCWP's plan 40 from LEWP.
    expect(await say("slack", "U0INES", "collect start plan 40 due 2026-07-01")).toMatch(/no (?:action )?plan 40|plan 40/i);
    const collections = await db.collection.findMany({ include: { plan: true } });
    expect(collections.map((c) => [c.workingPartyId, c.plan.number])).toEqual([[lewp.id, 7]]);

    // One tick: each working party's reminder goes to its own channel only.
    await rt!.store.unitOfWork((uow) => planReminders(uow.store, new Outbox(uow.store), new Date("2026-06-10T07:00:00Z"), rt!.logger));
    const sent = await db.delivery.findMany({ where: { kind: { in: ["reminder", "digest"] } }, orderBy: { id: "asc" } });
    const byWp = (id: number) => sent.filter((d) => d.workingPartyId === id).map((d) => `${d.platform}:${d.target}`);
    // CCWP also has the bundled console channel #ccwp.
    expect(new Set(byWp(ccwp.id))).toEqual(new Set(["slack:C0CCWP", "console:#ccwp"]));
    expect(new Set(byWp(lewp.id))).toEqual(new Set(["teams:19:lewp@thread"]));
    expect(sent.filter((d) => d.workingPartyId === ccwp.id).every((d) => d.payload.includes("40.1") && !d.payload.includes("7.1"))).toBe(true);
    expect(sent.filter((d) => d.workingPartyId === lewp.id).every((d) => d.payload.includes("7.1") && !d.payload.includes("40.1"))).toBe(true);
  });

  it("moves a channel bound to another working party, only for that working party's secretariat", async () => {
    const { db, lewp } = await twoWorkingParties(kind);
    // Ines is secretariat of CCWP but only chair of LEWP: she may not bind CCWP's channel to LEWP.
    expect(await say("slack", "U0INES", "bind this channel to LEWP", { channel: "C0CCWP" })).toMatch(/Only the secretariat of LEWP/);
    await db.member.update({ where: { workingPartyId_platform_platformUserId: { workingPartyId: lewp.id, platform: "slack", platformUserId: "U0INES" } }, data: { role: "secretariat" } });
    expect(await say("slack", "U0INES", "bind this channel to LEWP", { channel: "C0CCWP" })).toMatch(/now receives LEWP's deadline reminders\. It no longer belongs to CCWP/);
    const bindings = await db.channelBinding.findMany({ where: { channelId: "C0CCWP" }, include: { workingParty: true } });
    expect(bindings.map((b) => [b.workingParty.code, b.purpose])).toEqual([["LEWP", "reminders"]]);
    expect(await say("slack", "U0INES", "whoami", { channel: "C0CCWP" })).toMatch(/LEWP/);
    const audit = await db.auditEntry.findMany({ where: { subject: "slack:C0CCWP" }, orderBy: { id: "asc" } });
    const ccwp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    expect(audit.map((a) => [a.action, a.workingPartyId, a.actor])).toEqual([
      ["channel.unbind", ccwp.id, "slack:U0INES"],
      ["channel.bind", lewp.id, "slack:U0INES"],
    ]);
  });
});
