/**
 * Editing a plan in place from the web console: adding or changing an action together with its
 * deadlines, and changing or adding one deadline. Each change is checked against the working party
 * named by the page it came from, so a form copied from another working party's page changes
 * nothing; every field is checked before anything is written, so a form with one bad phrase stores
 * nothing (all or nothing, as an imported plan file); and each change is audited with the member
 * who made it, in the same unit of work.
 */
import { InputError, NotFoundError } from "../../core/errors.ts";
import { delegationCode, delegationError, type DeadlineFields, type Store } from "../../store/index.ts";
import { parseDeadlinePhrase, type PhraseResult } from "../phrases/deadline-phrase.ts";

export interface Editor {
  workingPartyId: number;
  actor: string;
  now: Date;
}

/** The period a plan's phrases are read against (as the plan importer reads them). */
export interface PlanPeriod {
  startDate: string;
  endDate: string;
}

/** What a deadline phrase means in a plan: the day shown as you type, and the day stored. */
export function readPlanPhrase(text: string, plan: PlanPeriod): PhraseResult {
  return parseDeadlinePhrase(text, { reference: plan.startDate, referenceEnd: plan.endDate });
}

/** One deadline row of the action form: an existing one (`id`) or a new one, or one to remove. */
export interface DeadlineRow {
  id?: number;
  due: string;
  what?: string;
  remove?: boolean;
}

/** The action form: `code` only when adding; `deadlines` in the order shown. */
export interface ActionInput {
  code?: string;
  title: string;
  goals?: string;
  outcome?: string;
  leadDelegation?: string;
  deadlines: DeadlineRow[];
}

const CODE = /^[A-Za-z0-9._/-]{1,40}$/;
const text = (v: string | undefined, max: number) => (v?.trim() ? v.trim().slice(0, max) : null);
const EMPTY = "Give the words of the deadline, e.g. June 2027; nothing was changed.";
const ONE_BAD = "Nothing was saved: fix the fields marked below and save again.";

/** A deadline's row, read: the row to write, or the field's error. Empty new rows are skipped. */
function readRow(row: DeadlineRow, plan: PlanPeriod): { ok: true; fields: DeadlineFields | null } | { ok: false; error: string } {
  const due = row.due.trim();
  if (row.remove) return { ok: true, fields: null };
  if (!due) return row.id ? { ok: false, error: "Give the words of the deadline, or tick Remove to delete it." } : { ok: true, fields: null };
  if (due.length > 200) return { ok: false, error: "At most 200 characters." };
  const what = text(row.what, 500);
  const r = readPlanPhrase(due, plan);
  return r.ok ? { ok: true, fields: { text: r.text, precision: r.precision, dueDate: r.dueDate, what } } : { ok: false, error: r.error };
}

/** Checks every field of the action form; the field errors are keyed as the form names them (`due.2`). */
function readAction(input: ActionInput, plan: PlanPeriod, adding: boolean) {
  const errors: Record<string, string> = {};
  const code = input.code?.trim() ?? "";
  if (adding && !CODE.test(code)) errors.code = "Letters, digits, dots or dashes, e.g. 12.4.";
  const title = input.title.trim();
  if (title.length < 2 || title.length > 2000) errors.title = "2 to 2000 characters.";
  const leadText = input.leadDelegation?.trim() ?? "";
  const leadDelegation = leadText ? delegationCode(leadText) : null;
  if (leadText && !leadDelegation) errors.leadDelegation = `${delegationError(leadText)}.`;
  if (input.deadlines.length > 50) errors.deadlines = "At most 50 deadlines per action.";
  const rows = input.deadlines.map((row, i) => {
    const r = readRow(row, plan);
    if (!r.ok) errors[`due.${i}`] = r.error;
    return { row, fields: r.ok ? r.fields : null };
  });
  const fields = { title, goals: text(input.goals, 5000), outcome: text(input.outcome, 5000), leadDelegation };
  return { errors, code, fields, rows };
}

/** Adds an action, with its deadlines, at the end of a plan of the editor's working party. */
export async function addAction(store: Store, planId: number, input: ActionInput, by: Editor) {
  return store.unitOfWork(async (uow) => {
    const plan = await uow.actionPlans.byId(planId);
    if (!plan || plan.workingPartyId !== by.workingPartyId) throw new NotFoundError("That plan is not one of this working party's; nothing was changed.");
    const { errors, code, fields, rows } = readAction(input, plan, true);
    if (!errors.code && (await uow.actionPlans.hasActionCode(planId, code))) errors.code = `Plan ${plan.number} already has an action ${code}.`;
    if (Object.keys(errors).length) throw new InputError(ONE_BAD, errors);
    const deadlines = rows.flatMap((r) => (r.fields ? [r.fields] : []));
    const a = await uow.actionPlans.createAction(planId, code, fields, deadlines);
    await uow.audit.record({ workingPartyId: by.workingPartyId, actor: by.actor, action: "action.add", subject: `plan ${plan.number} action ${code}`, detail: { ...fields, deadlines: deadlines.map((d) => d.text) }, at: by.now });
    return a;
  });
}

/** Changes an action's title, terms of reference, lead delegation and deadlines, all at once. */
export async function updateAction(store: Store, id: number, input: ActionInput, by: Editor) {
  return store.unitOfWork(async (uow) => {
    const before = await uow.actionPlans.action(id);
    if (!before) throw new NotFoundError("That action no longer exists; nothing was changed.");
    if (before.plan.workingPartyId !== by.workingPartyId) throw new InputError("That action belongs to another working party's plan; nothing was changed.");
    const { errors, fields, rows } = readAction(input, before.plan, false);
    const own = new Map(before.deadlines.map((d) => [d.id, d]));
    rows.forEach((r, i) => {
      if (r.row.id !== undefined && !own.has(r.row.id)) errors[`due.${i}`] = "This deadline is no longer part of the action; reload the page.";
    });
    if (Object.keys(errors).length) throw new InputError(ONE_BAD, errors);
    const change: (DeadlineFields & { id: number })[] = [];
    const add: DeadlineFields[] = [];
    const remove: number[] = [];
    for (const { row, fields: d } of rows) {
      if (row.id === undefined) {
        if (d) add.push(d);
      } else if (!d) remove.push(row.id);
      else {
        const old = own.get(row.id)!;
        if (old.text !== d.text || old.what !== d.what || old.dueDate !== d.dueDate) change.push({ ...d, id: row.id });
      }
    }
    const a = await uow.actionPlans.updateAction(id, fields, { change, remove, add });
    await uow.audit.record({
      workingPartyId: by.workingPartyId,
      actor: by.actor,
      action: "action.edit",
      subject: `plan ${before.plan.number} action ${before.code}`,
      detail: { ...fields, deadlines: { changed: change.map((d) => d.text), added: add.map((d) => d.text), removed: remove.length } },
      at: by.now,
    });
    return a;
  });
}

/** Changes a deadline's words (and so its day) and what is due. */
export async function updateDeadline(store: Store, id: number, input: { due: string; what?: string }, by: Editor) {
  return store.unitOfWork(async (uow) => {
    const before = await uow.actionPlans.deadline(id);
    if (!before) throw new NotFoundError("That deadline no longer exists; nothing was changed.");
    if (before.plan.workingPartyId !== by.workingPartyId) throw new InputError("That deadline belongs to another working party's plan; nothing was changed.");
    const r = readRow({ id, due: input.due, what: input.what }, before.plan);
    if (!input.due.trim()) throw new InputError(EMPTY, { due: EMPTY });
    if (!r.ok) throw new InputError(r.error, { due: r.error });
    const d = await uow.actionPlans.updateDeadline(id, r.fields!);
    await uow.audit.record({
      workingPartyId: by.workingPartyId,
      actor: by.actor,
      action: "deadline.edit",
      subject: `plan ${before.plan.number}${before.action ? ` action ${before.action.code}` : ""}`,
      detail: { before: { text: before.text, dueDate: before.dueDate }, after: { text: d.text, dueDate: d.dueDate } },
      at: by.now,
    });
    return d;
  });
}

/** Adds a deadline to an action of the editor's working party. */
export async function addDeadline(store: Store, actionId: number, input: { due: string; what?: string }, by: Editor) {
  return store.unitOfWork(async (uow) => {
    const action = await uow.actionPlans.action(actionId);
    if (!action) throw new NotFoundError("That action no longer exists; nothing was changed.");
    if (action.plan.workingPartyId !== by.workingPartyId) throw new InputError("That action belongs to another working party's plan; nothing was changed.");
    if (!input.due.trim()) throw new InputError(EMPTY, { due: EMPTY });
    const r = readRow({ due: input.due, what: input.what }, action.plan);
    if (!r.ok) throw new InputError(r.error, { due: r.error });
    const d = await uow.actionPlans.addDeadline(actionId, r.fields!);
    await uow.audit.record({ workingPartyId: by.workingPartyId, actor: by.actor, action: "deadline.add", subject: `plan ${action.plan.number} action ${action.code}`, detail: { text: d.text, dueDate: d.dueDate }, at: by.now });
    return d;
  });
}
