/**
 * Action plans as the secretariat edits them: a plan with its actions and deadlines, one action or
 * one deadline with the plan it belongs to, and the writes of the plan editor (an action with its
 * deadlines, one deadline). Rules (what a phrase means, who may edit) are the caller's
 * (src/planning/plan-file/edit-plan.ts); every read here says which working party's plan it is, so the caller
 * can refuse a form from another working party.
 */
import type { Prisma } from "../generated/sqlite/client.ts";
import { ledByWhere, type LeadActor } from "./plans/leads.ts";
import { planReferences, type PlanReferences } from "./plans/plan-references.ts";
import { savePlanIn, type PlanToSave, type SavedPlan } from "./plans/save-plan.ts";
import type { DbTx } from "./store.ts";

/** The columns of an action the plan editor writes. */
export type ActionFields = Pick<Prisma.ActionUncheckedCreateInput, "title" | "goals" | "outcome" | "leadDelegation">;
/** The columns of a deadline the plan editor writes. */
export type DeadlineFields = { text: string; what: string | null; precision: string; dueDate: string };

/** Which deadlines to read: every field narrows; `before` and `unfinished` are how "overdue" is asked. */
export interface DeadlineQuery {
  workingPartyId?: number;
  planId?: number;
  planNumber?: number;
  /** due on or after */
  from?: string;
  /** due on or before */
  until?: string;
  /** due strictly before */
  before?: string;
  /** of actions this member or their delegation leads */
  ledBy?: LeadActor;
  leadDelegation?: string;
  /** only plan-level deadlines and those of actions not done */
  unfinished?: boolean;
  limit?: number;
}

const PLAN_PAGE = {
  strategy: true,
  actions: { orderBy: { ord: "asc" }, include: { deadlines: { orderBy: [{ ord: "asc" }, { id: "asc" }] }, objectives: true, leadMember: true } },
  deadlines: { where: { actionId: null } },
} as const satisfies Prisma.ActionPlanInclude;

export class ActionPlanRepository {
  private readonly db: DbTx;
  constructor(db: DbTx) {
    this.db = db;
  }

  /** What a plan file for working party `code` implementing `strategySlug` refers to (src/store/plans/plan-references.ts). */
  references(code: string, strategySlug?: string): Promise<PlanReferences> {
    return planReferences(this.db, code, strategySlug);
  }

  /** Writes an imported plan (src/store/plans/save-plan.ts); all or nothing only inside a unit of work. */
  save(plan: PlanToSave): Promise<SavedPlan> {
    return savePlanIn(this.db, plan);
  }

  byId(id: number) {
    return this.db.actionPlan.findUnique({ where: { id } });
  }

  /** A working party's plan by its number, or null. */
  byNumber(workingPartyId: number, number: number) {
    return this.db.actionPlan.findUnique({ where: { workingPartyId_number: { workingPartyId, number } } });
  }

  /** "CCWP has no plan 42; its plans are 1, 2." — the one wording for a plan number that does not exist. */
  async unknownMessage(workingParty: { id: number; code: string }, number: number): Promise<string> {
    const known = (await this.list(workingParty.id)).map((p) => p.number).reverse();
    return `${workingParty.code} has no plan ${number}; ${known.length ? `its plans are ${known.join(", ")}` : "no plan has been imported yet"}.`;
  }

  /** A working party's plans (only plan `number` when given), by number. */
  inOrder(workingPartyId: number, number?: number) {
    return this.db.actionPlan.findMany({ where: { workingPartyId, ...(number !== undefined ? { number } : {}) }, orderBy: { number: "asc" } });
  }

  /** The id and number of each of a working party's plans. */
  numbers(workingPartyId: number): Promise<{ id: number; number: number }[]> {
    return this.db.actionPlan.findMany({ where: { workingPartyId }, select: { id: true, number: true } });
  }

  /** The highest plan number of each working party, by working party id. */
  async latestNumbers(workingPartyIds: readonly number[]): Promise<Map<number, number>> {
    const latest = await this.db.actionPlan.groupBy({ by: ["workingPartyId"], where: { workingPartyId: { in: [...workingPartyIds] } }, _max: { number: true } });
    return new Map(latest.map((l) => [l.workingPartyId, l._max.number ?? 0]));
  }

  /** Deadlines matching `q`, by due day, each with its plan (and working party code) and action. */
  deadlines(q: DeadlineQuery) {
    const due: Prisma.StringFilter = {};
    if (q.from) due.gte = q.from;
    if (q.until) due.lte = q.until;
    if (q.before) due.lt = q.before;
    const where: Prisma.DeadlineWhereInput = {
      ...(Object.keys(due).length ? { dueDate: due } : {}),
      ...(q.planId ? { planId: q.planId } : {}),
      ...(q.workingPartyId || q.planNumber ? { plan: { ...(q.workingPartyId ? { workingPartyId: q.workingPartyId } : {}), ...(q.planNumber ? { number: q.planNumber } : {}) } } : {}),
    };
    if (q.ledBy) where.action = ledByWhere(q.ledBy);
    else if (q.leadDelegation) where.action = { leadDelegation: q.leadDelegation };
    if (q.unfinished) where.AND = [{ OR: [{ actionId: null }, { action: { status: { not: "done" } } }] }];
    return this.db.deadline.findMany({
      where,
      include: {
        plan: { select: { id: true, number: true, workingPartyId: true, workingParty: { select: { code: true } } } },
        action: { select: { code: true, title: true, status: true, leadDelegation: true } },
      },
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      ...(q.limit ? { take: q.limit } : {}),
    });
  }

  /**
   * The deadlines due in any of `ranges` that can still be reminded of: of plans not closed, and
   * plan-level or of an open action (with the action's lead member named).
   */
  remindable(workingPartyId: number, ranges: readonly { from: string; to: string }[]) {
    return this.db.deadline.findMany({
      where: {
        OR: ranges.map((r) => ({ dueDate: { gte: r.from, lte: r.to } })),
        plan: { workingPartyId, status: { not: "closed" } },
        AND: [{ OR: [{ actionId: null }, { action: { status: "open" } }] }],
      },
      include: { plan: { select: { id: true, number: true, title: true } }, action: { include: { leadMember: { select: { displayName: true } } } } },
    });
  }

  /** The open actions of a working party's plans not closed that `actor` or their delegation leads, in plan order. */
  openLedBy(workingPartyId: number, actor: LeadActor) {
    return this.db.action.findMany({
      where: { status: "open", plan: { workingPartyId, status: { not: "closed" } }, ...ledByWhere(actor) },
      include: { plan: { select: { number: true } } },
      orderBy: [{ planId: "asc" }, { ord: "asc" }],
    });
  }

  /** The deadlines of `actionIds` due on or before `until`, by due day, each with its action's code and title. */
  deadlinesOf(actionIds: readonly number[], until: string) {
    if (actionIds.length === 0) return Promise.resolve([]);
    return this.db.deadline.findMany({
      where: { actionId: { in: [...actionIds] }, dueDate: { lte: until } },
      include: { action: { select: { code: true, title: true } } },
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    });
  }

  /** The actions with this code in a working party's plans (only plan `planNumber` when given), with what the action page shows. */
  actionsCoded(workingPartyId: number, code: string, planNumber?: number) {
    return this.db.action.findMany({
      where: { code, plan: { workingPartyId, ...(planNumber ? { number: planNumber } : {}) } },
      include: { plan: true, deadlines: { orderBy: { ord: "asc" } }, objectives: true, leadMember: true },
    });
  }

  /** How many actions a plan has. */
  actionCount(planId: number): Promise<number> {
    return this.db.action.count({ where: { planId } });
  }

  /** The objective links of a working party's actions (to documents `slugs`, or whose slug contains `slugPart`), each with its action and plan. */
  objectiveLinks(workingPartyId: number, documents: { slugs: readonly string[] } | { slugPart?: string }) {
    const doc = "slugs" in documents ? { documentSlug: { in: [...documents.slugs] } } : documents.slugPart ? { documentSlug: { contains: documents.slugPart } } : {};
    return this.db.actionObjective.findMany({ where: { action: { plan: { workingPartyId } }, ...doc }, include: { action: { include: { plan: true } } } });
  }

  /** A working party's plan by its number with its actions in plan order, or null. */
  withActionsInOrder(workingPartyId: number, number: number) {
    return this.db.actionPlan.findUnique({ where: { workingPartyId_number: { workingPartyId, number } }, include: { actions: { orderBy: [{ ord: "asc" }, { id: "asc" }] } } });
  }

  /** A working party's plans, the latest number first, each with its number of actions. */
  list(workingPartyId: number) {
    return this.db.actionPlan.findMany({ where: { workingPartyId }, orderBy: { number: "desc" }, include: { _count: { select: { actions: true } } } });
  }

  /** The plan page: a plan with its strategy, its actions (their deadlines, objectives, lead) and its own deadlines. */
  withActions(workingPartyId: number, number: number) {
    return this.db.actionPlan.findUnique({ where: { workingPartyId_number: { workingPartyId, number } }, include: PLAN_PAGE });
  }

  /** One action with its plan and deadlines, or null. */
  action(id: number) {
    return this.db.action.findUnique({ where: { id }, include: { plan: true, deadlines: { orderBy: [{ ord: "asc" }, { id: "asc" }] } } });
  }

  /** Whether a plan already has an action with this code. */
  async hasActionCode(planId: number, code: string): Promise<boolean> {
    return (await this.db.action.count({ where: { planId, code } })) > 0;
  }

  /** Marks an action done at `at`: its deadlines no longer count as open. */
  async markDone(id: number, at: Date): Promise<void> {
    await this.db.action.update({ where: { id }, data: { status: "done", doneAt: at } });
  }

  /** Opens an action marked done again. */
  async reopen(id: number): Promise<void> {
    await this.db.action.update({ where: { id }, data: { status: "open", doneAt: null } });
  }

  /**
   * What removing a plan would delete: its number of actions and deadlines, and each collection
   * with its status and number of stored progress reports (the caller refuses to lose those).
   */
  async removal(planId: number) {
    // One after the other: inside a transaction the queries share one connection anyway.
    const actions = await this.db.action.count({ where: { planId } });
    const deadlines = await this.db.deadline.count({ where: { planId } });
    const collections = await this.db.collection.findMany({ where: { planId }, orderBy: { id: "asc" }, select: { id: true, status: true, dueDate: true, _count: { select: { reports: true } } } });
    return { actions, deadlines, collections: collections.map((c) => ({ id: c.id, status: c.status, dueDate: c.dueDate, reports: c._count.reports })) };
  }

  /** Deletes a plan; its actions, deadlines, objective links and collections go with it (cascade). */
  async remove(planId: number): Promise<void> {
    await this.db.actionPlan.delete({ where: { id: planId } });
  }

  /** One deadline with its plan and action, or null. */
  deadline(id: number) {
    return this.db.deadline.findUnique({ where: { id }, include: { plan: true, action: true } });
  }

  /** Adds an action at the end of its plan, with its deadlines in the order given. */
  async createAction(planId: number, code: string, fields: ActionFields, deadlines: DeadlineFields[]) {
    const last = await this.db.action.findFirst({ where: { planId }, orderBy: { ord: "desc" }, select: { ord: true } });
    return this.db.action.create({
      data: { ...fields, planId, code, ord: (last?.ord ?? -1) + 1, deadlines: { create: deadlines.map((d, ord) => ({ ...d, ord, planId })) } },
    });
  }

  /**
   * Changes an action and its deadlines at once: `change` rewrites the deadlines named by id,
   * `remove` deletes them, `add` appends new ones after the last.
   */
  async updateAction(id: number, fields: ActionFields, deadlines: { change: (DeadlineFields & { id: number })[]; remove: number[]; add: DeadlineFields[] }) {
    const a = await this.db.action.update({ where: { id }, data: fields });
    if (deadlines.remove.length) await this.db.deadline.deleteMany({ where: { id: { in: deadlines.remove }, actionId: id } });
    for (const { id: deadlineId, ...d } of deadlines.change) await this.db.deadline.update({ where: { id: deadlineId, actionId: id }, data: d });
    if (deadlines.add.length) {
      const last = await this.db.deadline.findFirst({ where: { actionId: id }, orderBy: { ord: "desc" }, select: { ord: true } });
      const from = (last?.ord ?? -1) + 1;
      await this.db.deadline.createMany({ data: deadlines.add.map((d, i) => ({ ...d, ord: from + i, planId: a.planId, actionId: id })) });
    }
    return a;
  }

  /** Rewrites one deadline's words, day and what is due. */
  updateDeadline(id: number, fields: DeadlineFields) {
    return this.db.deadline.update({ where: { id }, data: fields });
  }

  /** Adds a deadline after an action's last one. */
  async addDeadline(actionId: number, fields: DeadlineFields) {
    const a = await this.db.action.findUniqueOrThrow({ where: { id: actionId }, select: { planId: true } });
    const last = await this.db.deadline.findFirst({ where: { actionId }, orderBy: { ord: "desc" }, select: { ord: true } });
    return this.db.deadline.create({ data: { ...fields, planId: a.planId, actionId, ord: (last?.ord ?? -1) + 1 } });
  }
}
