/**
 * Writes an imported plan: all or nothing, in one transaction with its audit entry. A re-import
 * updates the plan in place: actions are matched by code and updated, their deadlines and
 * objectives replaced, actions no longer in the file removed; progress reports of the actions that
 * remain are kept. Writes go in batches (a plan at the file's limits, 2,000 actions × 50
 * deadlines, is seconds, not minutes holding SQLite's write lock) and only what changed is
 * written. What the file means (phrases, the plan cycle, who a lead is) is src/planning's.
 */
import { AuditRepository, type AuditInput } from "../audit.ts";
import type { Db, DbTx } from "../store.ts";

/** A deadline as the importer writes it, before it knows the action's row id. */
export type PlanDeadline = { ord: number; text: string; what: string | null; precision: string; dueDate: string };

/** The columns of an action a plan file sets. */
export interface PlanActionFields {
  ord: number;
  title: string;
  section: string | null;
  goals: string | null;
  outcome: string | null;
  leadDelegation: string | null;
  leadUser: string | null;
  leadMemberId: number | null;
  participants: string;
}

export interface PlanToSave {
  workingPartyId: number;
  number: number;
  fields: { title: string; startDate: string; endDate: string; adoptNextBy: string; strategyId: number | null };
  /** the slug of the document the objectives' labels are in ("" when none) */
  objectiveDocument: string;
  actions: { code: string; fields: PlanActionFields; deadlines: PlanDeadline[]; objectives: string[] }[];
  /** the plan's own deadlines (actionId null): adopt the next plan by */
  planDeadlines: PlanDeadline[];
}

export interface SavedPlan {
  planId: number;
  created: boolean;
  removedActions: number;
}

/** Writes `plan`, and the audit entry `entry` makes of the outcome, in one transaction. */
export async function savePlan(db: Db, plan: PlanToSave, entry: (saved: SavedPlan) => AuditInput): Promise<SavedPlan> {
  return db.$transaction(
    async (tx) => {
      const saved = await savePlanIn(tx, plan);
      await new AuditRepository(tx).record(entry(saved));
      return saved;
    },
    { timeout: 60_000, maxWait: 20_000 },
  );
}

/** Writes `plan` on a transaction the caller holds (ActionPlanRepository.save, in a unit of work). */
export async function savePlanIn(tx: DbTx, plan: PlanToSave): Promise<SavedPlan> {
  const existing = await tx.actionPlan.findUnique({ where: { workingPartyId_number: { workingPartyId: plan.workingPartyId, number: plan.number } } });
  const saved = existing
    ? await tx.actionPlan.update({ where: { id: existing.id }, data: plan.fields })
    : await tx.actionPlan.create({ data: { ...plan.fields, workingPartyId: plan.workingPartyId, number: plan.number } });
  const before = await tx.action.findMany({ where: { planId: saved.id } });
  const keep = new Set(plan.actions.map((a) => a.code));
  const gone = before.filter((a) => !keep.has(a.code)).map((a) => a.id);
  for (const ids of chunks(gone)) await tx.action.deleteMany({ where: { id: { in: ids } } });

  // Actions: new codes in batches; an existing one is updated only when a field changed.
  const byCode = new Map(before.map((a) => [a.code, a]));
  const fresh = plan.actions.filter((w) => !byCode.has(w.code)).map((w) => ({ ...w.fields, planId: saved.id, code: w.code }));
  for (const rows of chunks(fresh)) await tx.action.createMany({ data: rows });
  for (const w of plan.actions) {
    const e = byCode.get(w.code);
    if (e && (Object.keys(w.fields) as (keyof PlanActionFields)[]).some((k) => e[k] !== w.fields[k])) await tx.action.update({ where: { id: e.id }, data: w.fields });
  }
  const idOf = new Map((fresh.length ? await tx.action.findMany({ where: { planId: saved.id }, select: { id: true, code: true } }) : before).map((a) => [a.code, a.id]));

  // Objectives: the difference between what is stored and what the file says.
  const objectiveKey = (o: { actionId: number; documentSlug: string; label: string }) => `${o.actionId}\u0000${o.documentSlug}\u0000${o.label}`;
  const storedObjectives = await tx.actionObjective.findMany({ where: { action: { planId: saved.id } } });
  const wantedObjectives = plan.actions.flatMap((w) => [...new Set(w.objectives)].map((label) => ({ actionId: idOf.get(w.code)!, documentSlug: plan.objectiveDocument, label })));
  const wantedKeys = new Set(wantedObjectives.map(objectiveKey));
  const storedKeys = new Set(storedObjectives.map(objectiveKey));
  for (const ids of chunks(storedObjectives.filter((o) => !wantedKeys.has(objectiveKey(o))).map((o) => o.id))) await tx.actionObjective.deleteMany({ where: { id: { in: ids } } });
  for (const rows of chunks(wantedObjectives.filter((o) => !storedKeys.has(objectiveKey(o))))) await tx.actionObjective.createMany({ data: rows });

  // Deadlines: matched per action (and the plan's own adopt-by row) in memory, written in batches.
  const storedDeadlines = await tx.deadline.findMany({ where: { planId: saved.id }, orderBy: [{ ord: "asc" }, { id: "asc" }] });
  const storedBy = new Map<number, StoredDeadline[]>();
  for (const d of storedDeadlines) storedBy.set(d.actionId ?? 0, [...(storedBy.get(d.actionId ?? 0) ?? []), d]);
  const changes: DeadlineChanges = { create: [], update: [], remove: [] };
  for (const w of plan.actions) {
    const actionId = idOf.get(w.code)!;
    matchDeadlines(storedBy.get(actionId) ?? [], w.deadlines.map((d) => ({ ...d, planId: saved.id, actionId })), changes);
  }
  matchDeadlines(storedBy.get(0) ?? [], plan.planDeadlines.map((d) => ({ ...d, planId: saved.id, actionId: null })), changes);
  for (const ids of chunks(changes.remove.map((d) => d.id))) await tx.deadline.deleteMany({ where: { id: { in: ids } } });
  for (const rows of chunks(changes.create)) await tx.deadline.createMany({ data: rows });
  for (const u of changes.update) await tx.deadline.update({ where: { id: u.id }, data: u.row });
  return { planId: saved.id, created: !existing, removedActions: gone.length };
}

/**
 * Rows per statement: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535 with
 * the widest row (nine columns), and small enough that one statement never holds the lock long.
 */
const BATCH = 500;

function chunks<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type DeadlineRow = PlanDeadline & { planId: number; actionId: number | null };

type StoredDeadline = DeadlineRow & { id: number };
type DeadlineChanges = { create: DeadlineRow[]; update: { id: number; row: DeadlineRow }[]; remove: StoredDeadline[] };

/**
 * Adds to `changes` what turns `existing` (one action's deadlines, or the plan's own) into `rows`,
 * keeping the identity (row id) of each one that is still there: matched by due day, what and
 * words, then by due day and what, then by position. Reminder keys rest on these ids, so a
 * re-import that leaves a deadline as it was changes nothing about it.
 */
function matchDeadlines(existing: StoredDeadline[], rows: DeadlineRow[], changes: DeadlineChanges): void {
  const unused = new Set(existing.map((e) => e.id));
  const take = (match: (e: StoredDeadline, r: DeadlineRow) => boolean, r: DeadlineRow) => {
    const e = existing.find((x) => unused.has(x.id) && match(x, r));
    if (e) unused.delete(e.id);
    return e;
  };
  const matched = rows.map((r) => ({ r, e: take((e, x) => e.dueDate === x.dueDate && e.what === x.what && e.text === x.text, r) }));
  for (const m of matched) m.e ??= take((e, x) => e.dueDate === x.dueDate && e.what === x.what, m.r);
  for (const m of matched) m.e ??= take((e, x) => e.ord === x.ord, m.r);
  changes.remove.push(...existing.filter((e) => unused.has(e.id)));
  for (const { r, e } of matched) {
    if (!e) changes.create.push(r);
    else if (e.ord !== r.ord || e.text !== r.text || e.what !== r.what || e.precision !== r.precision || e.dueDate !== r.dueDate) changes.update.push({ id: e.id, row: r });
  }
}
