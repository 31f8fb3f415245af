/**
 * Stores a validated plan file: all or nothing, in one transaction. A re-import updates the plan in
 * place: actions are matched by code and updated, their deadlines and objectives replaced, actions
 * no longer in the file removed; progress reports of the actions that remain are kept. Writes go
 * in batches (a plan at the file's limits, 2,000 actions × 50 deadlines, is seconds, not minutes
 * holding SQLite's write lock) and only what changed is written.
 */
import { audit } from "../audit/audit-log.ts";
import { InputError, NotFoundError } from "../core/errors.ts";
import type { Db } from "../store/index.ts";
import { adoptByFromEnd, computeCycle } from "./cycle.ts";
import { parseDeadlinePhrase } from "./deadline-phrase.ts";
import type { PlanFile } from "./plan-file.ts";

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
  // Lead user names resolve to a member of the working party on any platform, by user id or name.
  const members = await db.member.findMany({ where: { workingPartyId: wp.id } });
  const memberFor = (user?: string) => (user ? (members.find((m) => m.platformUserId === user) ?? members.find((m) => m.displayName === user))?.id ?? null : null);

  return db.$transaction(
    async (tx) => {
      const existing = await tx.actionPlan.findUnique({ where: { workingPartyId_number: { workingPartyId: wp.id, number: plan.number } } });
      const data = { title: plan.title, startDate: plan.start, endDate: end, adoptNextBy, strategyId: strategy?.id ?? null };
      const saved = existing
        ? await tx.actionPlan.update({ where: { id: existing.id }, data })
        : await tx.actionPlan.create({ data: { ...data, workingPartyId: wp.id, number: plan.number } });
      // Every phrase is read before anything is written, so a bad one leaves no half-done plan.
      const wanted = plan.actions.map((a, ord) => ({
        a,
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
      }));
      const before = await tx.action.findMany({ where: { planId: saved.id } });
      const keep = new Set(plan.actions.map((a) => a.code));
      const gone = before.filter((a) => !keep.has(a.code)).map((a) => a.id);
      for (const ids of chunks(gone)) await tx.action.deleteMany({ where: { id: { in: ids } } });

      // Actions: new codes in batches; an existing one is updated only when a field changed.
      const byCode = new Map(before.map((a) => [a.code, a]));
      const fresh = wanted.filter((w) => !byCode.has(w.a.code)).map((w) => ({ ...w.fields, planId: saved.id, code: w.a.code }));
      for (const rows of chunks(fresh)) await tx.action.createMany({ data: rows });
      for (const w of wanted) {
        const e = byCode.get(w.a.code);
        if (e && (Object.keys(w.fields) as (keyof typeof w.fields)[]).some((k) => e[k] !== w.fields[k])) await tx.action.update({ where: { id: e.id }, data: w.fields });
      }
      const idOf = new Map((fresh.length ? await tx.action.findMany({ where: { planId: saved.id }, select: { id: true, code: true } }) : before).map((a) => [a.code, a.id]));

      // Objectives: the difference between what is stored and what the file says.
      const slug = plan.strategy ?? "";
      const objectiveKey = (o: { actionId: number; documentSlug: string; label: string }) => `${o.actionId}\u0000${o.documentSlug}\u0000${o.label}`;
      const storedObjectives = await tx.actionObjective.findMany({ where: { action: { planId: saved.id } } });
      const wantedObjectives = wanted.flatMap((w) => [...new Set(w.a.objectives ?? [])].map((label) => ({ actionId: idOf.get(w.a.code)!, documentSlug: slug, label })));
      const wantedKeys = new Set(wantedObjectives.map(objectiveKey));
      const storedKeys = new Set(storedObjectives.map(objectiveKey));
      for (const ids of chunks(storedObjectives.filter((o) => !wantedKeys.has(objectiveKey(o))).map((o) => o.id))) await tx.actionObjective.deleteMany({ where: { id: { in: ids } } });
      for (const rows of chunks(wantedObjectives.filter((o) => !storedKeys.has(objectiveKey(o))))) await tx.actionObjective.createMany({ data: rows });

      // Deadlines: matched per action (and the plan's own adopt-by row) in memory, written in batches.
      const storedDeadlines = await tx.deadline.findMany({ where: { planId: saved.id }, orderBy: [{ ord: "asc" }, { id: "asc" }] });
      const storedBy = new Map<number, StoredDeadline[]>();
      for (const d of storedDeadlines) storedBy.set(d.actionId ?? 0, [...(storedBy.get(d.actionId ?? 0) ?? []), d]);
      const changes: DeadlineChanges = { create: [], update: [], remove: [] };
      let deadlines = 0;
      for (const w of wanted) {
        const actionId = idOf.get(w.a.code)!;
        matchDeadlines(storedBy.get(actionId) ?? [], w.deadlines.map((d) => ({ ...d, planId: saved.id, actionId })), changes);
        deadlines += w.deadlines.length;
      }
      matchDeadlines(storedBy.get(0) ?? [], [{ planId: saved.id, actionId: null, ord: 0, text: adoptNextBy, what: ADOPT_NEXT_WHAT, precision: "day", dueDate: adoptNextBy }], changes);
      for (const ids of chunks(changes.remove.map((d) => d.id))) await tx.deadline.deleteMany({ where: { id: { in: ids } } });
      for (const rows of chunks(changes.create)) await tx.deadline.createMany({ data: rows });
      for (const u of changes.update) await tx.deadline.update({ where: { id: u.id }, data: u.row });

      await audit(tx, {
        workingPartyId: wp.id,
        actor: who.actor,
        action: existing ? "plan.reimport" : "plan.import",
        subject: `${wp.code} plan ${plan.number}`,
        detail: { actions: plan.actions.length, deadlines, removedActions: gone.length },
        at: who.now,
      });
      return {
        planId: saved.id,
        workingParty: wp.code,
        number: plan.number,
        created: !existing,
        start: plan.start,
        end,
        adoptNextBy,
        actions: plan.actions.length,
        deadlines,
        removedActions: gone.length,
      };
    },
    { timeout: 60_000, maxWait: 20_000 },
  );
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

type DeadlineRow = { planId: number; actionId: number | null; ord: number; text: string; what: string | null; precision: string; dueDate: string };

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
