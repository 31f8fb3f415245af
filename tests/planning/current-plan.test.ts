/**
 * One rule for "which plan is current" and "has the next plan been adopted" (issue 15): the home
 * card, `current plan`, the console overview and the reminders decide them the same way. Plans
 * follow each other by number; start dates may tie (a re-issued plan) or be entered out of order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkingParty } from "../../src/admin/working-party.ts";
import { buildHome } from "../../src/bot/home.ts";
import type { Actor } from "../../src/core/actor.ts";
import { replyToPlainText } from "../../src/core/reply.ts";
import { isSuperseded, laterPlanExists, pickCurrent } from "../../src/planning/cycle/plans.ts";
import { supersededPlans } from "../../src/reminders/due-reminders.ts";
import { repositoriesOn } from "../../src/store/repositories.ts";
import { databaseKinds } from "../support/databases.ts";
import { createPlan } from "../support/plans.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";

const AT = new Date("2026-11-23T10:00:00Z");

describe("the plan rules", () => {
  it("call a plan superseded when a higher-numbered plan exists, whatever the start dates", () => {
    const plans = [
      { number: 7, startDate: "2026-01-01", endDate: "2027-06-30" },
      { number: 8, startDate: "2025-01-01", endDate: "2027-06-30" },
    ];
    expect(isSuperseded(plans[0]!, plans)).toBe(true);
    expect(isSuperseded(plans[1]!, plans)).toBe(false);
    expect(pickCurrent(plans, "2026-11-23")?.number).toBe(8);
  });
});

describe.each(databaseKinds)("plans that share a start date on %s", (kind) => {
  let rt: TestRuntime;
  let wpId: number;
  beforeAll(async () => {
    rt = await testRuntime(kind);
    const wp = await createWorkingParty(repositoriesOn(rt.store.db), { code: "TWP", name: "Test Working Party", timeZone: "Europe/Brussels", planMonths: 18, adoptLeadMonths: 2 });
    wpId = wp.id;
    // Plan 8 entered first, then plan 7, both from 1 January 2026: creation order and start date say nothing.
    await createPlan(rt.store.db, { wp: "TWP", number: 8, actions: [{ code: "8.1" }], adoptNextBy: "2027-04-30" });
    await createPlan(rt.store.db, { wp: "TWP", number: 7, actions: [{ code: "7.1" }], adoptNextBy: "2027-04-30" });
  });
  afterAll(async () => {
    await rt.dispose();
  });

  it("the reminders settle plan 7's adoption date as `current plan` does", async () => {
    const plans = await rt.store.db.actionPlan.findMany({ where: { workingPartyId: wpId } });
    const seven = plans.find((p) => p.number === 7)!;
    const eight = plans.find((p) => p.number === 8)!;
    const superseded = await supersededPlans(rt.store.repos, wpId);
    expect([...superseded]).toEqual([seven.id]);
    expect(await laterPlanExists(rt.store.repos, wpId, seven)).toBe(true);
    expect(await laterPlanExists(rt.store.repos, wpId, eight)).toBe(false);
  });

  it("the home card names the plan `current plan` names", async () => {
    const wp = await rt.store.db.workingParty.findUniqueOrThrow({ where: { id: wpId } });
    const member = await rt.store.db.member.create({ data: { workingPartyId: wpId, platform: "console", platformUserId: "twp-chair", displayName: "Chair" } });
    const actor: Actor = { member, workingParty: wp, role: "chair", delegation: null, platform: "console", ref: "console:twp-chair" };
    const home = replyToPlainText(await buildHome(rt.store.repos, actor, AT));
    expect(home).toMatch(/\(plan 8 ends/);
  });
});
