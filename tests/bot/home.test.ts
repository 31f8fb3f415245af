import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToPlainText, type Reply } from "../../src/core/reply.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

let rt: TestRuntime;
let collectionId: number;
const now = new Date("2026-11-23T10:00:00Z");

beforeAll(async () => {
  rt = await testRuntime();
  const db = rt.store.db;
  const wp = await db.workingParty.findFirstOrThrow({ where: { code: "CCWP" } });
  const p12 = await db.actionPlan.create({ data: { workingPartyId: wp.id, number: 12, title: "Plan 12", startDate: "2026-01-01", endDate: "2027-06-30", adoptNextBy: "2027-04-30" } });
  await db.actionPlan.create({ data: { workingPartyId: wp.id, number: 13, title: "Plan 13", startDate: "2027-07-01", endDate: "2028-12-31", adoptNextBy: "2028-10-31", status: "draft" } });
  const me = await db.member.create({ data: { workingPartyId: wp.id, platform: "console", platformUserId: "fr-lead", displayName: "Amélie", delegation: "FR" } });
  const a1 = await db.action.create({ data: { planId: p12.id, ord: 1, code: "12.1", title: "Joint training", leadDelegation: "FR" } });
  const a2 = await db.action.create({ data: { planId: p12.id, ord: 2, code: "12.2", title: "Risk profiles", leadDelegation: "DE" } });
  await db.action.create({ data: { planId: p12.id, ord: 3, code: "12.3", title: "Handbook", leadMemberId: me.id } });
  await db.action.create({ data: { planId: p12.id, ord: 4, code: "12.4", title: "Finished study", leadDelegation: "FR", status: "done" } });
  await db.deadline.createMany({
    data: [
      { planId: p12.id, actionId: a1.id, text: "October 2026", precision: "month", dueDate: "2026-10-31", what: "interim report" },
      { planId: p12.id, actionId: a1.id, text: "mid-December 2026", precision: "day", dueDate: "2026-12-15", what: "final course" },
      { planId: p12.id, actionId: a1.id, text: "March 2027", precision: "month", dueDate: "2027-03-31", what: "evaluation" },
      { planId: p12.id, actionId: a2.id, text: "December 2026", precision: "month", dueDate: "2026-12-31", what: "DE report" },
    ],
  });
  const c = await db.collection.create({ data: { workingPartyId: wp.id, planId: p12.id, dueDate: "2026-12-10", startedBy: "console:chair" } });
  collectionId = c.id;
  await db.collectionItem.createMany({ data: [{ collectionId: c.id, actionId: a1.id }, { collectionId: c.id, actionId: a2.id }] });
});
afterAll(() => rt.dispose());

async function home(): Promise<Reply> {
  const r = await rt.bot.handle(consoleText("home", "fr-lead", {}, now));
  return r.replies[0]!;
}

describe("home", () => {
  it("lists the member's overdue and next-60-day deadlines, not later ones nor other delegations'", async () => {
    const text = replyToPlainText(await home());
    expect(text).toMatch(/⚠ overdue 31 October 2026 — 12\.1 interim report/);
    expect(text).toMatch(/15 December 2026 — 12\.1 final course/);
    expect(text).not.toMatch(/evaluation|DE report/);
  });

  it("lists the open actions the member or their delegation leads", async () => {
    const text = replyToPlainText(await home());
    expect(text).toMatch(/12\.1 Joint training \(plan 12\)/);
    expect(text).toMatch(/12\.3 Handbook/);
    expect(text).not.toMatch(/12\.2 Risk profiles \(plan|Finished study/);
  });

  it("offers a report button for each open collection item the member leads, with the text the console shows for it", async () => {
    const buttons = (await home()).blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
    expect(buttons).toEqual([{ label: "Report on 12.1", command: "report.form", args: { action: "12.1", collection: collectionId, text: "report 12.1" }, style: "primary" }]);
    expect(replyToPlainText(await home())).toContain("[Report on 12.1: report 12.1]");
  });

  it("shows the adopt-by date of the latest plan that has started", async () => {
    expect(replyToPlainText(await home())).toMatch(/Next action plan to adopt by: 30 April 2027 \(plan 12 ends 30 June 2027\)/);
  });
});
