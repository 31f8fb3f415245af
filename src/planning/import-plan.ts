/**
 * Stores a validated plan file: all or nothing, in one transaction. A re-import updates the plan in
 * place: actions are matched by code and updated, their deadlines and objectives replaced, actions
 * no longer in the file removed; progress reports of the actions that remain are kept.
 */
import { audit } from "../audit/audit-log.ts";
import { InputError, NotFoundError } from "../core/errors.ts";
import type { Db, DbTx } from "../store/index.ts";
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

  return db.$transaction(
    async (tx) => {
      const existing = await tx.actionPlan.findUnique({ where: { workingPartyId_number: { workingPartyId: wp.id, number: plan.number } } });
      const data = { title: plan.title, startDate: plan.start, endDate: end, adoptNextBy, strategyId: strategy?.id ?? null };
      const saved = existing
        ? await tx.actionPlan.update({ where: { id: existing.id }, data })
        : await tx.actionPlan.create({ data: { ...data, workingPartyId: wp.id, number: plan.number } });
      const before = await tx.action.findMany({ where: { planId: saved.id }, select: { id: true, code: true } });
      const keep = new Set(plan.actions.map((a) => a.code));
      const gone = before.filter((a) => !keep.has(a.code)).map((a) => a.id);
      if (gone.length) await tx.action.deleteMany({ where: { id: { in: gone } } });
      let deadlines = 0;
      for (const [ord, a] of plan.actions.entries()) {
        const fields = {
          ord,
          title: a.title,
          section: a.section ?? null,
          goals: a.terms?.goals ?? null,
          outcome: a.terms?.outcome ?? null,
          leadDelegation: a.lead?.delegation ?? null,
          leadUser: a.lead?.user ?? null,
          leadMemberId: memberFor(a.lead?.user),
          participants: JSON.stringify(a.participants ?? []),
        };
        const action = await tx.action.upsert({
          where: { planId_code: { planId: saved.id, code: a.code } },
          create: { ...fields, planId: saved.id, code: a.code },
          update: fields,
        });
        await tx.actionObjective.deleteMany({ where: { actionId: action.id } });
        const rows = (a.deadlines ?? []).map((d, i) => {
          const r = parseDeadlinePhrase(d.due, { reference: plan.start, referenceEnd: end });
          if (!r.ok) throw new InputError(`actions[${ord}].deadlines[${i}].due: ${r.error}`);
          return { planId: saved.id, actionId: action.id, ord: i, text: r.text, what: d.what ?? null, precision: r.precision, dueDate: r.dueDate };
        });
        await keepDeadlines(tx, { actionId: action.id }, rows);
        deadlines += rows.length;
        const slug = plan.strategy ?? "";
        if (a.objectives?.length) await tx.actionObjective.createMany({ data: [...new Set(a.objectives)].map((label) => ({ actionId: action.id, documentSlug: slug, label })) });
      }
      await keepDeadlines(tx, { planId: saved.id, actionId: null }, [{ planId: saved.id, actionId: null, ord: 0, text: adoptNextBy, what: ADOPT_NEXT_WHAT, precision: "day", dueDate: adoptNextBy }]);
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

type DeadlineRow = { planId: number; actionId: number | null; ord: number; text: string; what: string | null; precision: string; dueDate: string };

/**
 * Replaces the deadlines matching `where` with `rows`, keeping the identity (row id) of each one
 * that is still there: matched by due day, what and words, then by due day and what, then by
 * position. A re-import that leaves a deadline as it was changes nothing about it.
 */
async function keepDeadlines(tx: DbTx, where: { actionId: number } | { planId: number; actionId: null }, rows: DeadlineRow[]): Promise<void> {
  const existing = await tx.deadline.findMany({ where, orderBy: [{ ord: "asc" }, { id: "asc" }] });
  const unused = new Set(existing.map((e) => e.id));
  const take = (match: (e: (typeof existing)[number], r: DeadlineRow) => boolean, r: DeadlineRow) => {
    const e = existing.find((x) => unused.has(x.id) && match(x, r));
    if (e) unused.delete(e.id);
    return e;
  };
  const matched = rows.map((r) => ({ r, e: take((e, x) => e.dueDate === x.dueDate && e.what === x.what && e.text === x.text, r) }));
  for (const m of matched) m.e ??= take((e, x) => e.dueDate === x.dueDate && e.what === x.what, m.r);
  for (const m of matched) m.e ??= take((e, x) => e.ord === x.ord, m.r);
  if (unused.size) await tx.deadline.deleteMany({ where: { id: { in: [...unused] } } });
  for (const { r, e } of matched) {
    if (!e) await tx.deadline.create({ data: r });
    else if (e.ord !== r.ord || e.text !== r.text || e.what !== r.what || e.precision !== r.precision || e.dueDate !== r.dueDate) await tx.deadline.update({ where: { id: e.id }, data: r });
  }
}
