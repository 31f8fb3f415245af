/**
 * Imports a validated plan file: reads its dates and deadline phrases against the working party's
 * rules, then hands the rows to the store (src/store/plans/save-plan.ts), which writes the plan and
 * its audit entry all or nothing, updating a re-imported plan in place.
 */
import { InputError } from "../../core/errors.ts";
import type { AuditInput, Db, Store } from "../../store/index.ts";
import { repositoriesOn } from "../../store/repositories.ts";
import { savePlan, type PlanToSave, type SavedPlan } from "../../store/plans/save-plan.ts";
import { checkPlan } from "./plan-check.ts";
import type { PlanFile, PlanLocator } from "./plan-file.ts";
import { namesMember } from "../../store/plans/leads.ts";

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
  /** what was imported although it looks like a mistake (see plan-check.ts), with line and field */
  warnings: string[];
}

/** How to import: `strict` refuses a file with any warning; `where` names lines (parsePlanFile's). */
export interface ImportOptions {
  strict?: boolean;
  where?: PlanLocator;
}

/** The words of the plan-level deadline row (actionId null). */
export const ADOPT_NEXT_WHAT = "adopt the next action plan";

/** What the importer needs of a store: its repositories and a unit of work. */
export type PlanStore = Pick<Store, "repos" | "unitOfWork">;

/**
 * The plan and its audit entry in one transaction: a unit of work of the store or, given a bare
 * client (the 1997 seeder runs before a Store exists; scripts/fault), savePlan's own transaction.
 */
function save(target: PlanStore | Db, plan: PlanToSave, entry: (saved: SavedPlan) => AuditInput): Promise<SavedPlan> {
  if (!("unitOfWork" in target)) return savePlan(target, plan, entry);
  return target.unitOfWork(async (uow) => {
    const saved = await uow.actionPlans.save(plan);
    await uow.audit.record(entry(saved));
    return saved;
  });
}

/**
 * Writes `plan` to the store. Throws NotFoundError for an unknown working party, InputError for
 * what cannot be stored and, when `strict`, for any warning (then nothing is stored).
 */
export async function importPlan(target: PlanStore | Db, plan: PlanFile, who: { actor: string; now: Date }, options: ImportOptions = {}): Promise<ImportSummary> {
  const store = "unitOfWork" in target ? target : null;
  // Every phrase is read before anything is written, so a bad one leaves no half-done plan.
  const repos = store ? store.repos : repositoriesOn(target as Db);
  const { wp, end, adoptNextBy, strategy, deadlines: read, warnings } = await checkPlan(repos, plan, options.where);
  if (options.strict && warnings.length) {
    throw new InputError(`${warnings.join("; ")}; strict import refuses a file with warnings, so nothing was imported.`);
  }
  // lead.user binds to a member of the working party on any platform by platform user id, never
  // by display name (src/store/plans/leads.ts).
  const members = await repos.members.inWorkingParty(wp.id);
  const memberFor = (user?: string) => members.find((m) => namesMember(user ?? null, m))?.id ?? null;

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
    deadlines: (a.deadlines ?? []).map((d, i) => ({ ord: i, ...read[ord]![i]!, what: d.what ?? null })),
    objectives: a.objectives ?? [],
  }));
  const deadlines = actions.reduce((n, a) => n + a.deadlines.length, 0);
  const saved = await save(
    target,
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
  return { planId: saved.planId, workingParty: wp.code, number: plan.number, created: saved.created, start: plan.start, end, adoptNextBy, actions: plan.actions.length, deadlines, removedActions: saved.removedActions, warnings };
}
