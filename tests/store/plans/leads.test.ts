/**
 * Who leads an action: a plan file's `lead.user` binds to a platform user id (or a member the
 * secretariat confirmed through its delegation), never to a display name, which anyone can set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadLabel, leadMembers, mayReport } from "../../../src/store/plans/leads.ts";
import { importPlan } from "../../../src/planning/plan-file/import-plan.ts";
import { parsePlanFile } from "../../../src/planning/plan-file/plan-file.ts";
import { replyToPlainText } from "../../../src/core/reply.ts";
import type { Member } from "../../../src/store/index.ts";
import { databaseKinds } from "../../support/databases.ts";
import { consoleText, testRuntime, type TestRuntime } from "../../support/runtime.ts";

const PLAN = `workingParty: CCWP
number: 12
title: Action plan 2026-2027
start: 2026-01-01
actions:
  - code: "12.1"
    title: Joint training
    lead: { user: marie }
  - code: "12.2"
    title: Container control study
    lead: { user: U0MARIE }
`;

const now = new Date("2026-11-23T10:00:00Z");

describe.each(databaseKinds)("who leads an action on %s", (kind) => {
  let rt: TestRuntime;
  let attackers: Member[];
  let marie: Member;
  beforeAll(async () => {
    rt = await testRuntime(kind);
    const wp = await rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    // A Slack user and a Teams user who renamed themselves "marie"; the real Marie's Slack id is U0MARIE.
    attackers = [
      await rt.store.db.member.create({ data: { workingPartyId: wp.id, platform: "slack", platformUserId: "U0MALLORY", displayName: "marie" } }),
      await rt.store.db.member.create({ data: { workingPartyId: wp.id, platform: "teams", platformUserId: "29f0c6a4-3b1e-4f0e-9c55-7d2a1b9e0f11", displayName: "Marie" } }),
    ];
    marie = await rt.store.db.member.create({ data: { workingPartyId: wp.id, platform: "slack", platformUserId: "U0MARIE", displayName: "Marie Dupont" } });
    const parsed = parsePlanFile(PLAN, "plan.yaml");
    if (!parsed.ok) throw new Error(parsed.errors.join());
    await importPlan(rt.store, parsed.plan, { actor: "cli", now });
  });
  afterAll(() => rt.dispose());

  const action = (code: string) => rt.store.db.action.findFirstOrThrow({ where: { code, plan: { number: 12 } } });
  const asMember = (m: Member) => ({ role: "delegate" as const, delegation: m.delegation, member: m });

  it("binds lead.user to the member with that platform user id on import, never to one with that display name", async () => {
    expect((await action("12.1")).leadMemberId).toBeNull();
    expect((await action("12.2")).leadMemberId).toBe(marie.id);
  });

  it("does not ask or let report a member whose display name equals lead.user", async () => {
    const a = await action("12.1");
    const members = await rt.store.db.member.findMany();
    expect(leadMembers(a, members).map((m) => m.id)).toEqual([]);
    for (const m of attackers) expect(mayReport(asMember(m), a)).toBe(false);
    const b = await action("12.2");
    expect(leadMembers(b, members).map((m) => m.id)).toEqual([marie.id]);
    expect(mayReport(asMember(marie), b)).toBe(true);
    for (const m of attackers) expect(mayReport(asMember(m), b)).toBe(false);
  });

  it("binds a lead.user to a member who first writes after the import, by platform user id only", async () => {
    const a = await action("12.1");
    const console = await rt.store.db.member.create({ data: { workingPartyId: marie.workingPartyId, platform: "console", platformUserId: "marie", displayName: "someone else" } });
    const members = await rt.store.db.member.findMany();
    expect(leadMembers(a, members).map((m) => m.id)).toEqual([console.id]);
    expect(mayReport(asMember(console), a)).toBe(true);
    await rt.store.db.member.delete({ where: { id: console.id } });
  });

  it("refuses `done` from a Slack user whose display name equals lead.user and changes nothing", async () => {
    const r = await rt.bot.handle({ ...consoleText("done 12.1", "U0MALLORY"), platform: "slack", user: { id: "U0MALLORY", name: "marie", claims: {} } });
    expect(r.replies[0]!.tone).toBe("error");
    expect((await action("12.1")).status).toBe("open");
  });

  it("does not give a role to a member found only by display name (`role marie chair`)", async () => {
    const sec = await rt.store.db.member.create({ data: { workingPartyId: marie.workingPartyId, platform: "slack", platformUserId: "U0SEC", displayName: "Sam", role: "secretariat" } });
    const r = await rt.bot.handle({ ...consoleText("role marie chair", "U0SEC"), platform: "slack", user: { id: "U0SEC", name: "Sam", claims: {} } });
    expect(r.replies[0]!.tone).toBe("error");
    expect(replyToPlainText(r.replies[0]!)).toMatch(/Mention them/);
    for (const m of attackers) expect((await rt.store.db.member.findUniqueOrThrow({ where: { id: m.id } })).role).toBe("delegate");
    // By mention (a platform user id), it works.
    const ok = await rt.bot.handle({ ...consoleText("role @{U0MARIE} chair", "U0SEC"), platform: "slack", user: { id: "U0SEC", name: "Sam", claims: {} } });
    expect(replyToPlainText(ok.replies[0]!)).toMatch(/Marie Dupont is now a chair/);
    await rt.store.db.member.update({ where: { id: marie.id }, data: { role: "delegate" } });
    await rt.store.db.member.delete({ where: { id: sec.id } });
  });
});

describe("how a lead is written (leadLabel)", () => {
  it("writes the delegation, the person in brackets, or whichever is named, and null for none", () => {
    expect(leadLabel({ leadDelegation: "FR", leadUser: "marie" })).toBe("FR (marie)");
    expect(leadLabel({ leadDelegation: "FR", leadUser: "U0MARIE" }, { displayName: "Marie Dupont" })).toBe("FR (Marie Dupont)");
    expect(leadLabel({ leadDelegation: null, leadUser: "marie" })).toBe("marie");
    expect(leadLabel({ leadDelegation: "DE", leadUser: null })).toBe("DE");
    expect(leadLabel({ leadDelegation: null, leadUser: null })).toBeNull();
  });
});

describe.each(databaseKinds)("the lead as chat shows it (%s)", (kind) => {
  it("is written the same way in `action CODE` as in reminders and report refusals", async () => {
    const rt = await testRuntime(kind);
    try {
      const wp = await rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
      await rt.store.db.member.create({ data: { workingPartyId: wp.id, platform: "slack", platformUserId: "U0MARIE", displayName: "Marie Dupont" } });
      const parsed = parsePlanFile(PLAN.replace("lead: { user: U0MARIE }", "lead: { delegation: FR, user: U0MARIE }"), "plan.yaml");
      if (!parsed.ok) throw new Error(parsed.errors.join());
      await importPlan(rt.store, parsed.plan, { actor: "cli", now });
      const text = (await rt.bot.handle(consoleText("action 12.2", "dora", {}, now))).replies.map(replyToPlainText).join("\n");
      expect(text).toContain("FR (Marie Dupont)");
    } finally {
      await rt.dispose();
    }
  });
});
