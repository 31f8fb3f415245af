/**
 * Imports a validated plan file: reads its dates and deadline phrases against the working party's
 * rules, then hands the rows to the store (src/store/plans/save-plan.ts), which writes the plan and
 * its audit entry all or nothing, updating a re-imported plan in place.
 */
import { InputError, NotFoundError } from "../core/errors.ts";
import type { Db } from "../store/index.ts";
import { savePlan } from "../store/plans/save-plan.ts";
import { adoptByFromEnd, computeCycle } from "./cycle.ts";
import { parseDeadlinePhrase } from "./deadline-phrase.ts";
import type { PlanFile } from "./plan-file.ts";
import { namesMember } from "../store/plans/leads.ts";

/** What an import did. */
export interface ImportSummary {
  planId: number;
  workingParty: string;
  number: number;
  created: boolean;
  start: string;
  end: string;
  adoptNextBy: string;
  actions: number;
  deadlines: number;
  removedActions: number;
}

/** The words of the plan-level deadline row (actionId null). */
export const ADOPT_NEXT_WHAT = "adopt the next action plan";

/** Writes `plan` to the store. Throws NotFoundError for an unknown working party. */
export async function importPlan(db: Db, plan: PlanFile, who: { actor: string; now: Date }): Promise<ImportSummary> {
  const wp = await db.workingParty.findUnique({ where: { code: plan.workingParty } });
  if (!wp) throw new NotFoundError(`workingParty: there is no working party ${plan.workingParty}; nothing was imported.`);
  const rule = computeCycle({ start: plan.start, months: wp.planMonths, adoptLeadMonths: wp.adoptLeadMonths, timeZone: wp.timeZone });
  const end = plan.end ?? rule.end;
  const adoptNextBy = plan.adoptNextBy ?? (plan.end ? adoptByFromEnd(plan.end, wp.adoptLeadMonths, wp.timeZone) : rule.adoptNextBy);
  if (adoptNextBy > end) throw new InputError(`adoptNextBy (${adoptNextBy}) is after the plan's end (${end}); nothing was imported.`);
  const strategy = plan.strategy ? await db.strategyDocument.findUnique({ where: { slug: plan.strategy } }) : null;
  // lead.user binds to a member of the working party on any platform by platform user id, never
  // by display name (src/store/plans/leads.ts).
  const members = await db.member.findMany({ where: { workingPartyId: wp.id } });
  const memberFor = (user?: string) => members.find((m) => namesMember(user ?? null, m))?.id ?? null;

  // Every phrase is read before anything is written, so a bad one leaves no half-done plan.
  const actions = plan.actions.map((a, ord) => ({
    code: a.code,
    fields: {
      ord,
      title: a.title,
      section: a.section ?? null,
      goals: a.terms?.goals ?? null,
      outcome: a.terms?.outcome ?? null,
      leadDelegation: a.lead?.delegation ?? null,
      leadUser: a.lead?.user ?? null,
      leadMemberId: memberFor(a.lead?.user),
      participants: JSON.stringify(a.participants ?? []),
    },
    deadlines: (a.deadlines ?? []).map((d, i) => {
      const r = parseDeadlinePhrase(d.due, { reference: plan.start, referenceEnd: end });
      if (!r.ok) throw new InputError(`actions[${ord}].deadlines[${i}].due: ${r.error}`);
      return { ord: i, text: r.text, what: d.what ?? null, precision: r.precision, dueDate: r.dueDate };
    }),
    objectives: a.objectives ?? [],
  }));
  const deadlines = actions.reduce((n, a) => n + a.deadlines.length, 0);
  const saved = await savePlan(
    db,
    {
      workingPartyId: wp.id,
      number: plan.number,
      fields: { title: plan.title, startDate: plan.start, endDate: end, adoptNextBy, strategyId: strategy?.id ?? null },
      objectiveDocument: plan.strategy ?? "",
      actions,
      planDeadlines: [{ ord: 0, text: adoptNextBy, what: ADOPT_NEXT_WHAT, precision: "day", dueDate: adoptNextBy }],
    },
    (s) => ({
      workingPartyId: wp.id,
      actor: who.actor,
      action: s.created ? "plan.import" : "plan.reimport",
      subject: `${wp.code} plan ${plan.number}`,
      detail: { actions: plan.actions.length, deadlines, removedActions: s.removedActions },
      at: who.now,
    }),
  );
  return { planId: saved.planId, workingParty: wp.code, number: plan.number, created: saved.created, start: plan.start, end, adoptNextBy, actions: plan.actions.length, deadlines, removedActions: saved.removedActions };
}
