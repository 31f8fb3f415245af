/**
 * Action plans as the secretariat edits them: a plan with its actions and deadlines, one action or
 * one deadline with the plan it belongs to, and the writes of the plan editor (an action with its
 * deadlines, one deadline). Rules (what a phrase means, who may edit) are the caller's
 * (src/planning/edit-plan.ts); every read here says which working party's plan it is, so the caller
 * can refuse a form from another working party.
 */
import type { Prisma } from "../generated/sqlite/client.ts";
import type { DbTx } from "./store.ts";

/** The columns of an action the plan editor writes. */
export type ActionFields = Pick<Prisma.ActionUncheckedCreateInput, "title" | "goals" | "outcome" | "leadDelegation">;
/** The columns of a deadline the plan editor writes. */
export type DeadlineFields = { text: string; what: string | null; precision: string; dueDate: string };

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
