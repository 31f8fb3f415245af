import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncomingMessage } from "../../src/core/message.ts";
import { replyToPlainText } from "../../src/core/reply.ts";
import { importPlan } from "../../src/planning/plan-file/import-plan.ts";
import { parsePlanFile } from "../../src/planning/plan-file/plan-file.ts";
import { databaseKinds } from "../support/databases.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

const NOW = new Date("2026-11-23T10:00:00Z");
const FEED = /https:\/\/bot\.example\.eu\/calendar\/([A-Za-z0-9_-]{32})\.ics/;

/** A direct message on Slack from someone the bot may never have seen. */
const slackDm = (text: string, user: string): IncomingMessage => ({ platform: "slack", kind: "text", text, user: { id: user, name: user.toLowerCase() }, conversation: { kind: "direct", id: `D${user}` }, receivedAt: NOW });

describe.each(databaseKinds)("who gets a calendar feed, and what a feed request creates, on %s", (kind) => {
  let rt: TestRuntime;
  const say = async (m: IncomingMessage) => (await rt.bot.handle(m)).replies.map(replyToPlainText).join("\n");
  const secretariat = (text: string) => say(consoleText(text, "sam", { role: "secretariat" }, NOW));
  const feeds = () => rt.store.db.calendarFeed.count();

  beforeAll(async () => {
    rt = await testRuntime(kind, { PUBLIC_URL: "https://bot.example.eu" });
    const p = parsePlanFile(`workingParty: CCWP\nnumber: 12\ntitle: Plan\nstart: 2026-01-01\nactions:\n  - code: "12.1"\n    title: Training\n    lead: { delegation: FR }\n    deadlines:\n      - { due: "2026-12-15" }\n`, "p.yaml");
    if (!p.ok) throw new Error(p.errors.join());
    await importPlan(rt.store, p.plan, { actor: "test", now: NOW });
  });
  afterAll(() => rt.dispose());

  it("an unknown Slack user who DMs calendar gets no feed URL and no feed is made; once the secretariat placed them, they do", async () => {
    await say(slackDm("help", "U0STRANGER")); // first contact: a delegate without a delegation
    const before = await feeds();
    const stranger = await say(slackDm("calendar", "U0STRANGER"));
    expect(stranger).not.toMatch(FEED);
    expect(stranger).toMatch(/secretariat/i);
    expect(await feeds()).toBe(before);
    expect(await rt.store.db.member.updateMany({ where: { platform: "slack", platformUserId: "U0STRANGER" }, data: { delegation: "FR" } })).toEqual({ count: 1 });
    expect(await say(slackDm("calendar", "U0STRANGER"))).toMatch(FEED);
  });

  it("calendar XX for a delegation that leads nothing here makes no feed row; one that leads an action gets its feed", async () => {
    const before = await feeds();
    for (const code of ["ZW", "TV", "NR", "Tuvalu"]) expect(await secretariat(`calendar ${code}`)).not.toMatch(FEED);
    expect(await secretariat("calendar XQ")).not.toMatch(FEED);
    expect(await feeds()).toBe(before);
    expect(await secretariat("calendar FR")).toMatch(/actions of CCWP led by FR/);
    expect(await feeds()).toBe(before + 1);
  });

  it("the secretariat rotates and revokes a feed's token (audited); the old URL stops working; others may not", async () => {
    const first = FEED.exec(await secretariat("calendar plan 12"))![1]!;
    const refused = await say(consoleText("calendar rotate plan 12", "dora", { delegation: "FR" }, NOW));
    expect(refused).not.toMatch(FEED);
    expect(await rt.store.db.calendarFeed.count({ where: { token: first } })).toBe(1);

    const rotated = await secretariat("calendar rotate plan 12");
    const second = FEED.exec(rotated)?.[1];
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(await rt.store.db.calendarFeed.count({ where: { token: first } })).toBe(0);
    expect(FEED.exec(await secretariat("calendar plan 12"))![1]).toBe(second);

    const revoked = await secretariat("calendar revoke plan 12");
    expect(revoked).not.toMatch(FEED);
    expect(await rt.store.db.calendarFeed.count({ where: { token: second! } })).toBe(0);
    expect(await secretariat("calendar revoke plan 12")).toMatch(/no feed/i);
    const audit = await rt.store.db.auditEntry.findMany({ where: { action: { startsWith: "calendar." } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actor, a.subject])).toEqual([
      ["calendar.rotate", "console:sam", "CCWP calendar feed of plan 12"],
      ["calendar.revoke", "console:sam", "CCWP calendar feed of plan 12"],
    ]);
  });
});
