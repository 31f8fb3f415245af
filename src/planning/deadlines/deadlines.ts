/**
 * Deadlines as the CLI, chat, calendar and timeline list them: one row per Deadline with its plan,
 * action and a status computed against civil "today" (open, done, overdue).
 */
import type { Repositories } from "../../store/index.ts";
import type { CivilDate } from "../../time/civil-date.ts";
import type { LeadActor } from "../../store/plans/leads.ts";

/** Status of a deadline on a given day. */
export type DeadlineStatus = "open" | "done" | "overdue";

/** One deadline, in the shape of `secretariat deadlines --json` (plus context for chat). */
export interface DeadlineRow {
  /** plan number within its working party */
  plan: number;
  /** action code; null for the plan-level "adopt the next plan by" */
  action: string | null;
  title: string;
  due: CivilDate;
  dueText: string;
  precision: string;
  status: DeadlineStatus;
  workingParty: string;
  what: string | null;
  leadDelegation: string | null;
  deadlineId: number;
  /** position among its action's deadlines: stable across re-imports, unlike the row id */
  ord: number;
  planId: number;
}

/** Which deadlines to list; dates are civil days, inclusive. */
export interface DeadlineFilter {
  workingPartyId?: number;
  planNumber?: number;
  planId?: number;
  from?: CivilDate;
  until?: CivilDate;
  /** only overdue (due before today and not done) */
  overdue?: boolean;
  /** actions this member leads (src/store/plans/leads.ts) */
  ledBy?: LeadActor;
  /** actions whose lead delegation is this one (a delegation's calendar feed) */
  leadDelegation?: string;
  limit?: number;
}

/** The status rule: done when the action is done (or, for "adopt the next plan", when a later plan exists). */
export function deadlineStatus(due: CivilDate, done: boolean, today: CivilDate): DeadlineStatus {
  if (done) return "done";
  return due < today ? "overdue" : "open";
}

/** Lists deadlines matching `filter`, ordered by due day. */
export async function listDeadlines(repos: Pick<Repositories, "actionPlans">, filter: DeadlineFilter, today: CivilDate): Promise<DeadlineRow[]> {
  const { overdue, ...query } = filter;
  const rows = await repos.actionPlans.deadlines({
    ...query,
    ...(overdue && (!filter.until || filter.until >= today) ? { before: today } : {}),
    ...(overdue ? { unfinished: true } : {}),
  });
  // "Adopt the next plan" is done once a later plan of the same working party exists.
  const planLevel = rows.filter((r) => r.actionId === null);
  const adopted = new Set<number>();
  if (planLevel.length) {
    const max = await repos.actionPlans.latestNumbers([...new Set(planLevel.map((r) => r.plan.workingPartyId))]);
    for (const r of planLevel) if ((max.get(r.plan.workingPartyId) ?? 0) > r.plan.number) adopted.add(r.id);
  }
  const out = rows.map((r): DeadlineRow => ({
    plan: r.plan.number,
    action: r.action?.code ?? null,
    title: r.action ? r.action.title : `Adopt the next action plan (after plan ${r.plan.number})`,
    due: r.dueDate,
    dueText: r.text,
    precision: r.precision,
    status: deadlineStatus(r.dueDate, r.action ? r.action.status === "done" : adopted.has(r.id), today),
    workingParty: r.plan.workingParty.code,
    what: r.what,
    leadDelegation: r.action?.leadDelegation ?? null,
    deadlineId: r.id,
    ord: r.ord,
    planId: r.plan.id,
  }));
  return filter.overdue ? out.filter((r) => r.status === "overdue") : out;
}

/** The CLI's JSON shape: exactly {"plan","action","title","due","dueText","precision","status"}. */
export function deadlineJson(r: DeadlineRow) {
  return { plan: r.plan, action: r.action, title: r.title, due: r.due, dueText: r.dueText, precision: r.precision, status: r.status };
}
