/** Builds plans with actions and deadlines directly in the store, for tests of what uses them. */
import type { Db } from "../../src/store/index.ts";

export interface PlanFixture {
  number: number;
  start?: string;
  actions: { code: string; title?: string; lead?: string; due?: string; text?: string; status?: string }[];
  adoptNextBy?: string;
  wp?: string;
}

export async function createPlan(db: Db, f: PlanFixture) {
  const wp = await db.workingParty.findUniqueOrThrow({ where: { code: f.wp ?? "CCWP" } });
  const plan = await db.actionPlan.create({
    data: {
      workingPartyId: wp.id,
      number: f.number,
      title: `Action plan ${f.number}`,
      startDate: f.start ?? "2026-01-01",
      endDate: "2027-06-30",
      adoptNextBy: f.adoptNextBy ?? "2027-04-30",
      actions: { create: f.actions.map((a, i) => ({ ord: i, code: a.code, title: a.title ?? `Action ${a.code}`, leadDelegation: a.lead ?? "FR", status: a.status ?? "open" })) },
    },
    include: { actions: true },
  });
  for (const a of f.actions) {
    if (!a.due) continue;
    const action = plan.actions.find((x) => x.code === a.code)!;
    await db.deadline.create({ data: { planId: plan.id, actionId: action.id, text: a.text ?? a.due, precision: "day", dueDate: a.due } });
  }
  if (f.adoptNextBy) await db.deadline.create({ data: { planId: plan.id, actionId: null, text: `adopt the next plan by ${f.adoptNextBy}`, what: "Adopt the next action plan", precision: "day", dueDate: f.adoptNextBy } });
  return plan;
}
