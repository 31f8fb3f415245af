/**
 * Editing a plan in place from the web console: an action's fields, one deadline's words. Each
 * change is checked against the working party named by the page it came from, so a form copied
 * from another working party's page changes nothing, and is audited with the member who made it.
 */
import { audit } from "../audit/audit-log.ts";
import { InputError, NotFoundError } from "../core/errors.ts";
import type { Db } from "../store/index.ts";
import { parseDeadlinePhrase, type PhraseResult } from "./deadline-phrase.ts";

export interface Editor {
  workingPartyId: number;
  actor: string;
  now: Date;
}

/** What the form shows as you type: the day a phrase means for a plan starting `reference`. */
export function previewPhrase(text: string, reference: string): PhraseResult {
  return parseDeadlinePhrase(text, { reference });
}

async function deadlineOf(db: Db, id: number, by: Editor) {
  const d = await db.deadline.findUnique({ where: { id }, include: { plan: true, action: true } });
  if (!d) throw new NotFoundError("That deadline no longer exists; nothing was changed.");
  if (d.plan.workingPartyId !== by.workingPartyId) throw new InputError("That deadline belongs to another working party's plan; nothing was changed.");
  return d;
}

/** Changes a deadline's words (and so its day) and what is due. */
export async function updateDeadline(db: Db, id: number, input: { due: string; what?: string }, by: Editor) {
  const before = await deadlineOf(db, id, by);
  const parsed = previewPhrase(input.due, before.plan.startDate);
  if (!parsed.ok) throw new InputError(parsed.error, { due: parsed.error });
  const what = input.what?.trim() ? input.what.trim().slice(0, 500) : null;
  return db.$transaction(async (tx) => {
    const d = await tx.deadline.update({ where: { id }, data: { text: parsed.text, precision: parsed.precision, dueDate: parsed.dueDate, what } });
    await audit(tx, {
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
export async function addDeadline(db: Db, actionId: number, input: { due: string; what?: string }, by: Editor) {
  const action = await db.action.findUnique({ where: { id: actionId }, include: { plan: true, deadlines: true } });
  if (!action) throw new NotFoundError("That action no longer exists; nothing was changed.");
  if (action.plan.workingPartyId !== by.workingPartyId) throw new InputError("That action belongs to another working party's plan; nothing was changed.");
  const parsed = previewPhrase(input.due, action.plan.startDate);
  if (!parsed.ok) throw new InputError(parsed.error, { due: parsed.error });
  return db.$transaction(async (tx) => {
    const d = await tx.deadline.create({
      data: { planId: action.planId, actionId, ord: action.deadlines.length, text: parsed.text, precision: parsed.precision, dueDate: parsed.dueDate, what: input.what?.trim() || null },
    });
    await audit(tx, { workingPartyId: by.workingPartyId, actor: by.actor, action: "deadline.add", subject: `plan ${action.plan.number} action ${action.code}`, detail: { text: d.text, dueDate: d.dueDate }, at: by.now });
    return d;
  });
}

/** Changes an action's title, terms of reference and lead delegation. */
export async function updateAction(db: Db, id: number, input: { title: string; goals?: string; outcome?: string; leadDelegation?: string }, by: Editor) {
  const action = await db.action.findUnique({ where: { id }, include: { plan: true } });
  if (!action) throw new NotFoundError("That action no longer exists; nothing was changed.");
  if (action.plan.workingPartyId !== by.workingPartyId) throw new InputError("That action belongs to another working party's plan; nothing was changed.");
  const title = input.title.trim();
  if (title.length < 2 || title.length > 500) throw new InputError("The title must be 2 to 500 characters.", { title: "2 to 500 characters" });
  const lead = input.leadDelegation?.trim().toUpperCase() || null;
  if (lead && !/^[A-Z]{2,3}$|^(COM|EUROPOL|OLAF|GSC)$/.test(lead)) throw new InputError("The lead must be a delegation code such as FR, DE or COM.", { leadDelegation: "a delegation code such as FR" });
  const data = { title, goals: input.goals?.trim() || null, outcome: input.outcome?.trim() || null, leadDelegation: lead };
  return db.$transaction(async (tx) => {
    const a = await tx.action.update({ where: { id }, data });
    await audit(tx, { workingPartyId: by.workingPartyId, actor: by.actor, action: "action.edit", subject: `plan ${action.plan.number} action ${action.code}`, detail: data, at: by.now });
    return a;
  });
}
